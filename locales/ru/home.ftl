# The home page.

home-title = Главная
# Variables: $name the person's full name.
home-greeting = Здравствуйте, { $name }
# Variables: $roles comma-separated role names.
home-your-roles = Ваши роли: { $roles }
# Variables: $when date and time of the last sign-in.
home-last-sign-in = последний вход: { $when }
home-sections = Разделы
