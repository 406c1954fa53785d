# The home page.

home-title = Басты бет
# Variables: $name the person's full name.
home-greeting = Сәлеметсіз бе, { $name }
# Variables: $roles comma-separated role names.
home-your-roles = Сіздің рөлдеріңіз: { $roles }
# Variables: $when date and time of the last sign-in.
home-last-sign-in = соңғы кіру: { $when }
home-sections = Бөлімдер
