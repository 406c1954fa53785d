#!/usr/bin/env python3
"""Generate the labelled name-screening evaluation set.

    python3 tests/data/make-screening-eval.py > tests/data/screening-eval.csv

Each row pairs an applicant as a Kazakh lender holds them (Cyrillic, Kazakh or
Russian spelling, a full birth date, a citizenship) with ONE name string as a
sanctions or PEP list writes it, and says whether a compliance officer should
get a hit (same_person).  The romanisations below are written from the
standards themselves (ICAO Doc 9303, BGN/PCGN 1947, GOST 7.79-2000 / ISO 9,
the Kazakh Latin alphabets of 2017, 2018 and 2021, Duden, French and Polish
press practice, Turkish and Azerbaijani orthography), not from the matcher.

Labelling rules:
  * same name (however spelt) and no list birth date             -> 1
  * same name and a compatible list date (equal, year only,
    01-01 placeholder, day and month swapped)                     -> 1
  * same name but a clearly different full birth date             -> 0
  * a different name of similar shape, no birth date              -> 0
  * a list entry of one word                                      -> 1 only if
    the list's full birth date equals the applicant's, else 0

Deterministic (fixed seed, no set iteration), Python 3 standard library only.
"""
import csv
import random
import sys
import unicodedata

random.seed(20260317)

HEADER = ["surname", "given_name", "patronymic", "birth_date", "citizenship",
          "list_name", "list_birth_date", "list_countries", "same_person",
          "category", "source", "note"]

# ---------------------------------------------------------------------------
# Letters
# ---------------------------------------------------------------------------
VOW = "аеёиоуыэюяәөұүі"
SIBILANT = "жшчщц"
RUSSIFY = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
           "һ": "х", "і": "и"}


def russify(w):
    """Kazakh spelling -> the Russian-language spelling of the same name
    (how Russian-language documents, and the Russian-based romanisations,
    write Kazakh names: Тоқаев -> Токаев, Сейітов -> Сеитов)."""
    return "".join(RUSSIFY.get(c, c) for c in w)


def up(s, dotted=False):
    """Upper case; in Turkish, Azerbaijani and Kazakh 2021 Latin i -> İ."""
    if dotted:
        s = s.replace("i", "İ")
    return s.upper()


def cap(s, dotted=False):
    """Capitalise every hyphen- and space-separated part."""
    out = []
    for word in s.split(" "):
        parts = []
        for p in word.split("-"):
            parts.append(up(p[:1], dotted) + p[1:] if p else p)
        out.append("-".join(parts))
    return " ".join(out)


def ctx(w, i):
    return (w[i - 1] if i > 0 else None), (w[i + 1] if i + 1 < len(w) else None)


def iotated_here(prev):
    """е ё ю я are read with a y- sound at word start, after a vowel, after ь ъ."""
    return prev is None or prev in VOW or prev in "ьъ"


# ---------------------------------------------------------------------------
# Romanisation schemes.  Each takes ONE lower-case Cyrillic word part (no
# hyphen) and an options dict, and returns lower-case Latin.
# ---------------------------------------------------------------------------
ICAO = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e",
        "ю": "iu", "я": "ia",
        # Kazakh letters as Kazakhstan's ICAO passports write them
        "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
        "і": "i"}


def t_icao(w, o):
    return "".join(ICAO[c] for c in w)


BGN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i",
       "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
       "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
       "щ": "shch", "ы": "y", "э": "e", "ю": "yu", "я": "ya"}


def t_bgn(w, o):
    """BGN/PCGN 1947 for Russian, on the Russian-language spelling."""
    w = russify(w)
    out = []
    for i, c in enumerate(w):
        prev, nxt = ctx(w, i)
        if c == "е":
            out.append("ye" if iotated_here(prev) else "e")
        elif c == "ё":
            st = o.get("yo", "ë")
            if st == "ë":
                out.append("yë" if iotated_here(prev) else "ë")
            elif st == "yo":
                out.append("o" if prev and prev in SIBILANT else "yo")
            else:  # source document wrote е for ё
                out.append("ye" if iotated_here(prev) else "e")
        elif c == "ь":
            out.append(o.get("soft", ""))
        elif c == "ъ":
            out.append(o.get("hard", ""))
        else:
            out.append(BGN[c])
    return "".join(out)


GOSTB = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
         "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
         "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "x", "ч": "ch",
         "ш": "sh", "щ": "shh", "ъ": "``", "ы": "y'", "ь": "`", "э": "e`", "ю": "yu",
         "я": "ya"}
ISO9 = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "ž",
        "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c",
        "ч": "č", "ш": "š", "щ": "ŝ", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "û",
        "я": "â"}
SCHOLARLY = dict(ISO9)
SCHOLARLY.update({"х": "x", "щ": "šč", "ю": "ju", "я": "ja"})


def t_gost(w, o):
    """GOST 7.79-2000 System B, ISO 9 (= GOST 7.79 System A) or the
    scholarly (linguistic) system, on the Russian-language spelling."""
    w = russify(w)
    v = o.get("gost", "b")
    out = []
    for i, c in enumerate(w):
        prev, nxt = ctx(w, i)
        if v == "b":
            if c == "ц":
                out.append("c" if nxt and nxt in "еёиыйэюя" else "cz")
            else:
                out.append(GOSTB[c])
        elif v == "iso9":
            out.append(ISO9[c])
        else:
            out.append(SCHOLARLY[c])
    return "".join(out)


KZ2017 = {"а": "a", "ә": "a'", "б": "b", "в": "v", "г": "g", "ғ": "g'", "д": "d", "е": "e",
          "ж": "j", "з": "z", "и": "i'", "й": "i'", "к": "k", "қ": "q", "л": "l", "м": "m",
          "н": "n", "ң": "n'", "о": "o", "ө": "o'", "п": "p", "р": "r", "с": "s", "т": "t",
          "у": "y'", "ұ": "u", "ү": "u'", "ф": "f", "х": "h", "һ": "h", "ч": "c'", "ш": "s'",
          "ы": "y", "і": "i"}
KZ2018 = {"а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e",
          "ж": "j", "з": "z", "и": "ı", "й": "ı", "к": "k", "қ": "q", "л": "l", "м": "m",
          "н": "n", "ң": "ń", "о": "o", "ө": "ó", "п": "p", "р": "r", "с": "s", "т": "t",
          "у": "ý", "ұ": "u", "ү": "ú", "ф": "f", "х": "h", "һ": "h", "ч": "ć", "ш": "ś",
          "ы": "y", "і": "i"}
KZ2021 = {"а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
          "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m",
          "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t",
          "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ч": "ç", "ш": "ş",
          "ы": "y", "і": "ı"}
# The three Kazakh Latin alphabets dropped ё ц щ ъ ь э ю я; names holding
# them are not used in those categories (their spelling is not fixed by the
# decrees).
KZ_LATIN_OK = set(KZ2017)


def t_kz2017(w, o):
    return "".join(KZ2017[c] for c in w)


def t_kz2018(w, o):
    return "".join(KZ2018[c] for c in w)


def t_kz2021(w, o):
    return "".join(KZ2021[c] for c in w)


GERMAN = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "и": "i",
          "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t",
          "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
          "ъ": "", "ь": "", "ы": "y", "э": "e", "ю": "ju", "я": "ja"}


def t_german(w, o):
    """Duden transcription on the Russian-language spelling
    (Tokajew, Nasarbajew, Kassym-Schomart, Jewgeni, Alexander)."""
    w = russify(w)
    out = []
    i = 0
    while i < len(w):
        c = w[i]
        prev, nxt = ctx(w, i)
        if c == "к" and nxt == "с" and i > 0:
            out.append("x")
            i += 2
            continue
        if c == "й" and nxt is None:
            out.append({"и": "", "ы": "", "а": "i"}.get(prev, "j"))
        elif c == "й":
            out.append("j")
        elif c == "е":
            out.append("je" if iotated_here(prev) else "e")
        elif c == "ё":
            out.append("o" if prev and prev in SIBILANT else "jo")
        elif c == "с":
            out.append("ss" if prev and prev in VOW and nxt and nxt in VOW else "s")
        elif c == "и" and prev == "ь":  # Iljin
            out.append("ji")
        else:
            out.append(GERMAN[c])
        i += 1
    return "".join(out)


FRENCH = {"а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "к": "k", "л": "l",
          "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "ou", "ф": "f",
          "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ъ": "", "ь": "",
          "ы": "y", "э": "e"}


def t_french(w, o):
    """French press transcription on the Russian-language spelling
    (Tokaïev, Noursoultan, Sergueï, Evgueni, Iouri, -ov or the old -off)."""
    w = russify(w)
    out = []
    for i, c in enumerate(w):
        prev, nxt = ctx(w, i)
        after_vowel = prev is not None and prev in VOW
        if c == "г":
            out.append("gu" if nxt and nxt in "еиыё" else "g")
        elif c == "й":
            if nxt is None and prev in ("и", "ы"):
                out.append("")
            else:
                out.append("ï" if after_vowel else "i")
        elif c == "е":
            if prev is None:
                out.append(o.get("fr_e", "e"))
            elif prev in "ьъ" or prev == "и":
                out.append("ie")
            elif after_vowel:
                out.append("ïe")
            else:
                out.append("e")
        elif c == "ё":
            out.append("o" if prev and prev in SIBILANT else ("ïo" if after_vowel else "io"))
        elif c == "ю":
            out.append("ou" if prev == "и" else ("ïou" if after_vowel else "iou"))
        elif c == "я":  # Maria, Ioulia, Anastassia
            out.append("a" if prev == "и" else ("ïa" if after_vowel else "ia"))
        elif c == "и":
            out.append("ï" if after_vowel and prev != "и" else "i")
        elif c == "с":
            out.append("ss" if after_vowel and nxt and nxt in VOW else "s")
        elif c == "в" and nxt is None and prev in ("о", "е", "ё") and o.get("off"):
            out.append("ff")
        else:
            out.append(FRENCH[c])
    return "".join(out)


POLISH = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z", "й": "j",
          "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
          "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz",
          "ъ": "", "ы": "y", "э": "e"}
POLISH_SOFT = {"n": "ń", "s": "ś", "z": "ź", "t": "ć", "d": "dź", "c": "ć"}


def t_polish(w, o):
    """Polish transcription on the Russian-language spelling
    (Kasym-Żomart Tokajew, Nursułtan, Siergiej, Kuzniecow, Jewgienij)."""
    w = russify(w)
    out = []
    for i, c in enumerate(w):
        prev, nxt = ctx(w, i)
        j_here = iotated_here(prev)
        hard = prev is not None and prev in SIBILANT
        after_l = prev == "л"
        if c == "л":
            out.append("l" if nxt and nxt in "еёиюяь" else "ł")
        elif c in "еёюя":
            vowel = {"е": "e", "ё": "o", "ю": "u", "я": "a"}[c]
            if j_here:
                out.append("j" + vowel)
            elif hard or after_l:
                out.append(vowel)
            else:
                out.append("i" + vowel)
        elif c == "и":
            if prev is not None and prev in "жшц":
                out.append("y")
            elif prev == "ь":
                out.append("ji")
            else:
                out.append("i")
        elif c == "ь":
            if nxt is None or nxt not in VOW:
                last = out[-1] if out else ""
                if last and last[-1] in POLISH_SOFT and prev != "л":
                    out[-1] = last[:-1] + POLISH_SOFT[last[-1]]
        else:
            out.append(POLISH[c])
    return "".join(out)


TURKISH = {"а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "з": "z",
           "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
           "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
           "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şç",
           "ъ": "", "ь": "", "ы": "ı", "і": "i", "э": "e", "ю": "yu", "я": "ya", "ё": "yo"}


def t_turkish(w, o):
    """Turkish spelling of Kazakh and Russian names (Türk Dil Kurumu usage:
    Kazakh ж -> c, Russian ж -> j, дж -> c; Tokayev, Nazarbayev, Bauırcan)."""
    out = []
    i = 0
    while i < len(w):
        c = w[i]
        prev, nxt = ctx(w, i)
        if c == "д" and nxt == "ж":
            out.append("c")
            i += 2
            continue
        if c == "ж":
            out.append("c" if o.get("kazakh") else "j")
        elif c == "е":
            out.append("ye" if iotated_here(prev) else "e")
        else:
            out.append(TURKISH[c])
        i += 1
    return "".join(out)


SCHEMES = {"icao": t_icao, "bgn": t_bgn, "gost": t_gost, "kz2017": t_kz2017,
           "kz2018": t_kz2018, "kz2021": t_kz2021, "german": t_german,
           "french": t_french, "polish": t_polish, "turkish": t_turkish}
DOTTED = {"kz2021", "turkish"}


def rom(word, scheme, o=None):
    """Romanise a whole Cyrillic word (hyphenated parts kept) and capitalise."""
    o = o or {}
    if not word:
        return ""
    f = SCHEMES[scheme]
    parts = [f(p.lower(), o) for p in word.split("-")]
    return cap("-".join(parts), scheme in DOTTED)


def scheme_opts(scheme):
    o = {}
    if scheme == "bgn":
        o["yo"] = random.choice(["ë", "yo", "yo", "e"])
        o["soft"] = random.choice(["", "", "'"])
    if scheme == "gost":
        o["gost"] = random.choice(["b", "b", "iso9", "scholarly"])
    if scheme == "french":
        o["fr_e"] = random.choice(["e", "ie"])
        o["off"] = random.random() < 0.25
    return o


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------
KZ_SURNAMES = ["Тоқаев", "Ахметов", "Назарбаев", "Сейітов", "Жұмабеков", "Қасымов", "Әлиев",
               "Бекмұхамбетов", "Оспанов", "Есенов", "Құдайбергенов", "Жақсыбеков", "Тәжібаев",
               "Нұрғалиев", "Серікбаев", "Мұхамеджанов", "Ыбырайымов", "Шәріпов", "Бейсенов",
               "Әбілқасымов", "Сәрсенбаев", "Ғабдуллин", "Төлеуов", "Үсенов", "Исабеков",
               "Жанұзақов", "Қойшыбаев", "Ермеков", "Дүйсенбаев", "Сыздықов", "Смағұлов",
               "Мәмбетов", "Байділдин", "Ізбасаров", "Өтебаев", "Үмбетов", "Көшербаев",
               "Бөкейханов", "Сағынтаев", "Әбдірахманов", "Иманғалиев", "Қуанышев",
               "Жүнісов", "Әуезов", "Сұлтанов", "Нұрпейісов", "Шоқанов", "Мұқанов"]
RU_SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов",
               "Новиков", "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов",
               "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Фёдоров",
               "Щербаков", "Журавлёв", "Чернышёв", "Юдин", "Ершов", "Михайлов", "Белов",
               "Тарасов", "Жуков", "Ильин", "Гончаров", "Ефимов", "Щукин", "Хабаров",
               "Цветков", "Яковлев", "Шевченко", "Ковальчук", "Бондаренко"]
TAT_SURNAMES = ["Хабибуллин", "Гарипов", "Ахмадуллин", "Сафин", "Гайнуллин", "Шарипов",
                "Валиев", "Мухаметшин", "Зарипов"]
UZ_SURNAMES = ["Каримов", "Рахимов", "Абдуллаев", "Турсунов", "Исмоилов", "Назаров",
               "Хамидов", "Эргашев", "Холматов", "Мирзаев"]
KOR_SURNAMES = ["Ким", "Пак", "Ли", "Цой", "Тен", "Хан", "Шин", "Ни", "Ю", "Ом", "Югай",
                "Огай", "Когай", "Тян", "Ан", "Кан", "Нам", "Мин"]

KZ_MALE = ["Қасым-Жомарт", "Ержан", "Нұрсұлтан", "Асқар", "Бауыржан", "Ерлан", "Дәурен",
           "Серік", "Жандос", "Қайрат", "Мұрат", "Ғалымжан", "Әлихан", "Нұрлан", "Айдос",
           "Темірлан", "Ербол", "Жомарт", "Рахат", "Талғат", "Қуаныш", "Ерғали", "Шыңғыс",
           "Жәнібек", "Олжас", "Бақытжан", "Досым", "Әділ", "Берік", "Мақсат", "Нұрбол",
           "Ерасыл", "Дәулет", "Өмірзақ", "Жасұлан", "Сәкен", "Ақылбек", "Төлеген",
           "Кеңес", "Мейірхан", "Ғани", "Самат", "Азамат", "Арман"]
KZ_FEMALE = ["Динара", "Айгүл", "Гүлнара", "Жанар", "Әсел", "Сәуле", "Ақмарал", "Мәдина",
             "Аружан", "Жұлдыз", "Қарлығаш", "Ләззат", "Ғалия", "Айнұр", "Нұржамал",
             "Дариға", "Гүлшара", "Мөлдір", "Әйгерім", "Балжан", "Күләш", "Ұлжан", "Үміт",
             "Іңкәр", "Назгүл", "Перизат", "Ботагөз", "Самал", "Жансая", "Айжан"]
KZ_FATHERS = ["Кемел", "Әбіш", "Серік", "Мұрат", "Болат", "Ерлан", "Қайрат", "Нұрлан",
              "Жақсылық", "Төлеген", "Бақыт", "Ермек", "Әбдірахман", "Сағындық", "Өмірбек",
              "Қуаныш", "Бейбіт", "Ғалым", "Жұмабек", "Тұрсын", "Үсен", "Исабек", "Асқар",
              "Дәулет", "Марат", "Есен"]
RU_MALE = ["Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Юрий", "Евгений", "Илья",
           "Григорий", "Вячеслав", "Фёдор", "Артём", "Кирилл", "Максим", "Никита", "Михаил",
           "Владимир", "Олег", "Игорь", "Вадим", "Денис", "Роман", "Константин", "Пётр",
           "Николай", "Ярослав", "Виктор", "Павел"]
RU_FEMALE = ["Елена", "Наталья", "Мария", "Юлия", "Татьяна", "Ирина", "Екатерина", "Ольга",
             "Светлана", "Ксения", "Дарья", "Анастасия", "Людмила", "Евгения", "Яна",
             "Валентина", "Жанна", "Алёна", "Оксана", "Галина"]
# father -> (son's patronymic, daughter's patronymic)
RU_FATHERS = {"Иван": ("Иванович", "Ивановна"), "Сергей": ("Сергеевич", "Сергеевна"),
              "Пётр": ("Петрович", "Петровна"), "Николай": ("Николаевич", "Николаевна"),
              "Владимир": ("Владимирович", "Владимировна"),
              "Андрей": ("Андреевич", "Андреевна"), "Михаил": ("Михайлович", "Михайловна"),
              "Александр": ("Александрович", "Александровна"),
              "Юрий": ("Юрьевич", "Юрьевна"), "Виктор": ("Викторович", "Викторовна"),
              "Дмитрий": ("Дмитриевич", "Дмитриевна"), "Алексей": ("Алексеевич", "Алексеевна"),
              "Евгений": ("Евгеньевич", "Евгеньевна"), "Олег": ("Олегович", "Олеговна"),
              "Фёдор": ("Фёдорович", "Фёдоровна"), "Василий": ("Васильевич", "Васильевна"),
              "Григорий": ("Григорьевич", "Григорьевна"), "Игорь": ("Игоревич", "Игоревна"),
              "Геннадий": ("Геннадьевич", "Геннадьевна"), "Борис": ("Борисович", "Борисовна")}
RU_FATHER_NAMES = list(RU_FATHERS)
TAT_MALE = ["Рустам", "Ильдар", "Марат", "Ринат", "Айрат", "Рамиль", "Ильнур", "Тимур"]
TAT_FEMALE = ["Альфия", "Гульнара", "Алсу", "Гузель", "Резеда", "Лилия"]
TAT_FATHERS = ["Рашит", "Ильдар", "Марат", "Ринат", "Фарит", "Рифкат", "Наиль"]
UZ_MALE = ["Бахтиёр", "Шавкат", "Дилшод", "Жасур", "Шерзод", "Улугбек", "Отабек", "Азиз",
           "Фаррух", "Рустам"]
UZ_FEMALE = ["Дилноза", "Нигора", "Малика", "Гулнора", "Шахноза", "Зарина"]
UZ_FATHERS = ["Бахтиёр", "Рустам", "Азиз", "Улугбек", "Ботир", "Алишер", "Шухрат"]


def fem(s):
    for a, b in (("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына"),
                 ("ий", "ая")):
        if s.endswith(a):
            return s[:-len(a)] + b
    return s


def masc(s):
    for a, b in (("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"),
                 ("ая", "ий")):
        if s.endswith(a):
            return s[:-len(a)] + b
    return s


def ru_patronymic(father, female):
    """Russian-style patronymic from a non-Russian father's name."""
    if father.endswith("й") or father.endswith("ь"):
        base = father[:-1] + "ев"
    elif father[-1] in SIBILANT:
        base = father + "ев"
    elif father[-1] in VOW:
        base = father + "ев"
    else:
        base = father + "ов"
    return base + ("на" if female else "ич")


def surname_from_father(father, female=False):
    """Russian-style surname formed from a Kazakh father's name (Серік -> Серіков)."""
    if father[-1] in SIBILANT or father.endswith("й"):
        s = father.rstrip("й") + "ев"
    else:
        s = father + "ов"
    return fem(s) if female else s


def rand_date(lo=1950, hi=2003):
    return f"{random.randint(lo, hi)}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"


def other_date(d, min_gap=2, max_gap=15):
    y = int(d[:4])
    gap = random.randint(min_gap, max_gap) * random.choice([-1, 1])
    while True:
        nd = f"{y + gap}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d}"
        if nd != d:
            return nd


def person(eth=None, female=None, pat_prob=0.8):
    if eth is None:
        eth = random.choices(["kz", "ru", "tat", "uz", "kor"], [55, 30, 6, 4, 5])[0]
    if female is None:
        female = random.random() < 0.4
    cit = "KZ"
    if eth == "kz":
        s = random.choice(KZ_SURNAMES)
        g = random.choice(KZ_FEMALE if female else KZ_MALE)
        father = random.choice(KZ_FATHERS)
        if random.random() < 0.5:
            p = father + ("қызы" if female else "ұлы")
        else:
            p = ru_patronymic(father, female)
    elif eth == "ru":
        s = random.choice(RU_SURNAMES)
        g = random.choice(RU_FEMALE if female else RU_MALE)
        p = RU_FATHERS[random.choice(RU_FATHER_NAMES)][1 if female else 0]
        cit = random.choice(["KZ", "KZ", "KZ", "RU"])
    elif eth == "tat":
        s = random.choice(TAT_SURNAMES)
        g = random.choice(TAT_FEMALE if female else TAT_MALE)
        p = ru_patronymic(random.choice(TAT_FATHERS), female)
    elif eth == "uz":
        s = random.choice(UZ_SURNAMES)
        g = random.choice(UZ_FEMALE if female else UZ_MALE)
        p = ru_patronymic(random.choice(UZ_FATHERS), female)
        cit = random.choice(["KZ", "UZ"])
    else:  # Korean-Kazakh (koryo-saram): Korean surname, Russian given name
        s = random.choice(KOR_SURNAMES)
        g = random.choice(RU_FEMALE if female else RU_MALE)
        p = RU_FATHERS[random.choice(RU_FATHER_NAMES)][1 if female else 0]
    if female and eth != "kor":
        s = fem(s)
    if random.random() > pat_prob:
        p = ""
    return dict(s=s, g=g, p=p, female=female, eth=eth, birth=rand_date(), cit=cit)


def countries_for(pr, positive=True):
    base = {"KZ": "kz", "RU": "ru", "UZ": "uz", "TR": "tr", "AZ": "az", "KR": "kr"}[pr["cit"]]
    r = random.random()
    if r < 0.6:
        return base
    if r < 0.85:
        return ""
    if not positive and random.random() < 0.5:
        return random.choice(["ru", "kg", "uz", "tj"])
    return random.choice([base + ";ru" if base != "ru" else "ru;kz", base])


# ---------------------------------------------------------------------------
# List-side name layout
# ---------------------------------------------------------------------------
def layout(s, g, p, style=None, dotted=False):
    """One list name string from already romanised parts."""
    if style is None:
        style = random.choices(["GPS", "GS", "SGP", "SG", "S,G", "EU", "UN"],
                               [18, 14, 16, 12, 20, 10, 10])[0]
    if style == "GPS":
        parts = [g, p, s]
    elif style == "GS":
        parts = [g, s]
    elif style == "SGP":
        parts = [s, g, p]
    elif style == "SG":
        parts = [s, g]
    elif style == "S,G":  # OFAC / UK: SURNAME, Given Patronymic
        rest = " ".join(x for x in [g, p] if x)
        return f"{up(s, dotted)}, {rest}"
    elif style == "EU":  # EU: Given Patronymic SURNAME
        parts = [g, p, up(s, dotted)]
    else:  # UN style, all capitals, given first
        return up(" ".join(x for x in [g, p, s] if x), dotted)
    return " ".join(x for x in parts if x)


def spelled(pr, scheme, o=None, drop_p=None, style=None):
    o = o if o is not None else scheme_opts(scheme)
    s, g, p = rom(pr["s"], scheme, o), rom(pr["g"], scheme, o), rom(pr["p"], scheme, o)
    if drop_p is None:
        drop_p = random.random() < 0.45
    if drop_p:
        p = ""
    return layout(s, g, p, style, scheme in DOTTED)


ROWS = []


def add(pr, list_name, list_birth, same, category, note, countries=None, applicant=None):
    a = applicant or (pr["s"], pr["g"], pr["p"])
    if countries is None:
        countries = countries_for(pr, bool(same))
    ROWS.append([a[0], a[1], a[2], pr["birth"], pr["cit"], list_name, list_birth, countries,
                 1 if same else 0, category, "generated", note])


def half_date(pr):
    return pr["birth"] if random.random() < 0.5 else ""


def date_note(d):
    return "same birth date" if d else "no list birth date"


# ---------------------------------------------------------------------------
# Spelling categories
# ---------------------------------------------------------------------------
def fits_kz_latin(pr):
    return all(c in KZ_LATIN_OK for part in (pr["s"], pr["g"], pr["p"])
               for c in part.lower().replace("-", ""))


def spelling_category(cat, scheme, n_pos, n_neg, eth_weights, label, filt=None):
    def draw():
        while True:
            pr = person(random.choices(list(eth_weights), list(eth_weights.values()))[0])
            if filt is None or filt(pr):
                return pr
    for _ in range(n_pos):
        pr = draw()
        o = scheme_opts(scheme)
        d = half_date(pr)
        add(pr, spelled(pr, scheme, o), d, 1, cat, f"{label}; {date_note(d)}")
    for k in range(n_neg):
        pr = draw()
        o = scheme_opts(scheme)
        if k % 2 == 0:
            d = other_date(pr["birth"])
            add(pr, spelled(pr, scheme, o), d, 0, cat,
                f"{label}; same name, different full birth date")
        else:
            other = dict(pr)
            pool = {"kz": KZ_FEMALE if pr["female"] else KZ_MALE,
                    "ru": RU_FEMALE if pr["female"] else RU_MALE,
                    "kor": RU_FEMALE if pr["female"] else RU_MALE,
                    "tat": TAT_FEMALE if pr["female"] else TAT_MALE,
                    "uz": UZ_FEMALE if pr["female"] else UZ_MALE}[pr["eth"]]
            other["g"] = random.choice([x for x in pool if x[:2] != pr["g"][:2]])
            if filt and not filt(other):
                other["g"] = pr["g"]
                d = other_date(pr["birth"])
                add(pr, spelled(other, scheme, o), d, 0, cat,
                    f"{label}; same name, different full birth date")
                continue
            add(pr, spelled(other, scheme, o, drop_p=True), "", 0, cat,
                f"{label}; different given name ({other['g']}), same surname")


ETH_MIX = {"kz": 55, "ru": 30, "tat": 5, "uz": 4, "kor": 6}
spelling_category("icao", "icao", 44, 6, ETH_MIX, "ICAO 9303 passport spelling")
spelling_category("bgn", "bgn", 44, 6, ETH_MIX, "BGN/PCGN of the Russian-language form")
spelling_category("gost", "gost", 44, 6, ETH_MIX, "GOST 7.79 B / ISO 9 / scholarly")
spelling_category("kz-latin-2017", "kz2017", 44, 4, {"kz": 85, "ru": 15},
                  "Kazakh Latin 2017 (apostrophes)", fits_kz_latin)
spelling_category("kz-latin-2018", "kz2018", 44, 4, {"kz": 85, "ru": 15},
                  "Kazakh Latin 2018 (acutes)", fits_kz_latin)
spelling_category("kz-latin-2021", "kz2021", 44, 4, {"kz": 85, "ru": 15},
                  "Kazakh Latin 2021", fits_kz_latin)
spelling_category("german", "german", 44, 4, ETH_MIX, "German (Duden) transcription")
spelling_category("french", "french", 44, 4, ETH_MIX, "French transcription")
spelling_category("polish", "polish", 44, 4, ETH_MIX, "Polish transcription")

# ---------------------------------------------------------------------------
# turkish: Kazakh and Russian names in Turkish spelling, Azerbaijani people
# as Azerbaijani lists write them (patronymic "X oğlu / X qızı"), and Turkish
# citizens as the lender writes them in Cyrillic.
# ---------------------------------------------------------------------------
AZ_SURNAMES = [("Алиев", "Əliyev"), ("Мамедов", "Məmmədov"), ("Гусейнов", "Hüseynov"),
               ("Гасанов", "Həsənov"), ("Гулиев", "Quliyev"), ("Аббасов", "Abbasov"),
               ("Джафаров", "Cəfərov"), ("Рзаев", "Rzayev"), ("Исмаилов", "İsmayılov"),
               ("Байрамов", "Bayramov"), ("Керимов", "Kərimov"), ("Агаев", "Ağayev"),
               ("Велиев", "Vəliyev"), ("Мустафаев", "Mustafayev"), ("Садыхов", "Sadıxov"),
               ("Наджафов", "Nəcəfov")]
AZ_MALE = [("Ильхам", "İlham"), ("Эльчин", "Elçin"), ("Рашад", "Rəşad"), ("Ровшан", "Rövşən"),
           ("Фуад", "Fuad"), ("Самир", "Samir"), ("Тофиг", "Tofiq"), ("Ниджат", "Nicat"),
           ("Эльнур", "Elnur"), ("Вугар", "Vüqar"), ("Намик", "Namiq"), ("Рашид", "Rəşid"),
           ("Джейхун", "Ceyhun"), ("Орхан", "Orxan")]
AZ_FEMALE = [("Мехрибан", "Mehriban"), ("Лейла", "Leyla"), ("Гюнай", "Günay"),
             ("Айтен", "Aytən"), ("Севиндж", "Sevinc"), ("Нармин", "Nərmin"),
             ("Гюльнар", "Gülnar"), ("Шахла", "Şəhla")]
AZ_FATHERS = [("Гейдар", "Heydər"), ("Ариф", "Arif"), ("Алекпер", "Ələkbər"),
              ("Гасан", "Həsən"), ("Мамед", "Məmməd"), ("Тофиг", "Tofiq"), ("Вагиф", "Vaqif"),
              ("Ильхам", "İlham"), ("Джамиль", "Cəmil"), ("Ханлар", "Xanlar")]
TR_SURNAMES = [("Эрдоган", "Erdoğan"), ("Йылмаз", "Yılmaz"), ("Кая", "Kaya"),
               ("Демир", "Demir"), ("Шахин", "Şahin"), ("Челик", "Çelik"),
               ("Йылдыз", "Yıldız"), ("Йылдырым", "Yıldırım"), ("Озтюрк", "Öztürk"),
               ("Айдын", "Aydın"), ("Оздемир", "Özdemir"), ("Арслан", "Arslan"),
               ("Доган", "Doğan"), ("Кылыч", "Kılıç"), ("Чавушоглу", "Çavuşoğlu"),
               ("Коч", "Koç"), ("Курт", "Kurt"), ("Озкан", "Özkan")]
TR_MALE = [("Мехмет", "Mehmet"), ("Мустафа", "Mustafa"), ("Ахмет", "Ahmet"), ("Али", "Ali"),
           ("Хусейн", "Hüseyin"), ("Хасан", "Hasan"), ("Ибрахим", "İbrahim"),
           ("Исмаил", "İsmail"), ("Осман", "Osman"), ("Реджеп", "Recep"),
           ("Мевлют", "Mevlüt"), ("Бинали", "Binali"), ("Угур", "Uğur"), ("Эмре", "Emre"),
           ("Огуз", "Oğuz"), ("Бюлент", "Bülent")]
TR_FEMALE = [("Айше", "Ayşe"), ("Фатма", "Fatma"), ("Эмине", "Emine"), ("Хатидже", "Hatice"),
             ("Зейнеп", "Zeynep"), ("Элиф", "Elif"), ("Озлем", "Özlem"), ("Гюльсюм", "Gülsüm")]


def az_person():
    female = random.random() < 0.35
    s_c, s_l = random.choice(AZ_SURNAMES)
    g_c, g_l = random.choice(AZ_FEMALE if female else AZ_MALE)
    f_c, f_l = random.choice(AZ_FATHERS)
    if female:
        s_c, s_l = s_c + "а", s_l + "a"
    form = random.random()
    if form < 0.6:  # Russian documents: "Гейдар оглы"
        p_c = f_c + (" кызы" if female else " оглы")
    elif form < 0.85:  # or Russian style: "Гейдарович"
        p_c = ru_patronymic(f_c, female)
    else:
        p_c = ""
    p_l = f_l + (" qızı" if female else " oğlu")
    pr = dict(s=s_c, g=g_c, p=p_c, female=female, eth="az", birth=rand_date(), cit="AZ")
    return pr, s_l, g_l, p_l


def tr_person():
    female = random.random() < 0.35
    s_c, s_l = random.choice(TR_SURNAMES)
    g_c, g_l = random.choice(TR_FEMALE if female else TR_MALE)
    pr = dict(s=s_c, g=g_c, p="", female=female, eth="tr", birth=rand_date(), cit="TR")
    return pr, s_l, g_l


def gen_turkish():
    cat = "turkish"
    for k in range(48):
        kind = k % 3
        if kind == 0:  # Azerbaijani: Əliyev İlham Heydər oğlu
            pr, s_l, g_l, p_l = az_person()
            if random.random() < 0.35:
                p_l = ""
            style = random.choice(["SGP", "SGP", "GPS", "S,G", "UN"])
            name = layout(s_l, g_l, p_l, style, dotted=True)
            note = "Azerbaijani Latin, patronymic as oğlu/qızı"
        elif kind == 1:  # Turkish citizen
            pr, s_l, g_l = tr_person()
            style = random.choice(["GS", "GS", "S,G", "SG", "UN"])
            name = layout(s_l, g_l, "", style, dotted=True)
            note = "Turkish orthography of a Turkish name"
        else:  # Kazakh / Russian name in Turkish spelling
            pr = person(random.choice(["kz", "kz", "kz", "ru"]))
            o = {"kazakh": pr["eth"] == "kz"}
            name = spelled(pr, "turkish", o)
            note = "Turkish spelling of a " + ("Kazakh" if pr["eth"] == "kz" else "Russian") + \
                " name"
        if k >= 44:
            d = other_date(pr["birth"])
            add(pr, name, d, 0, cat, note + "; same name, different full birth date")
        else:
            d = half_date(pr)
            add(pr, name, d, 1, cat, f"{note}; {date_note(d)}")


gen_turkish()

# ---------------------------------------------------------------------------
# unicode trouble
# ---------------------------------------------------------------------------
CYR2LAT = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i",
           "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
           "С": "C", "Т": "T", "Х": "X", "І": "I"}
LAT2CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
           "A": "А", "E": "Е", "O": "О", "P": "Р", "C": "С", "K": "К", "M": "М", "H": "Н",
           "T": "Т", "X": "Х"}


def homoglyph(word, table, n=None):
    idx = [i for i, c in enumerate(word) if c in table]
    if not idx:
        return word, 0
    n = n or random.randint(1, min(2, len(idx)))
    pick = sorted(random.sample(idx, n))
    w = list(word)
    for i in pick:
        w[i] = table[w[i]]
    return "".join(w), n


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c)
                   for c in s)


def insert_at(word, ch):
    if len(word) < 3:
        return word + ch
    i = random.randint(1, len(word) - 1)
    return word[:i] + ch + word[i:]


def gen_unicode():
    cat = "unicode"
    kinds = ["nfd-list", "homoglyph-list", "homoglyph-applicant", "fullwidth", "nbsp",
             "soft-hyphen", "zero-width", "odd-case", "stray-comma", "nfd-applicant",
             "kelvin", "bom"]
    made = 0
    k = 0
    while made < 46:
        kind = kinds[k % len(kinds)]
        k += 1
        pr = person(random.choice(["kz", "kz", "ru", "ru", "kor"]))
        applicant = None
        d = half_date(pr)
        if kind == "nfd-list":
            scheme = random.choice(["kz2021", "kz2018", "polish", "turkish", "gost"])
            o = scheme_opts(scheme)
            if scheme == "gost":
                o["gost"] = "iso9"
            if scheme.startswith("kz") and not fits_kz_latin(pr):
                continue
            if scheme == "turkish":
                o["kazakh"] = pr["eth"] == "kz"
            base = spelled(pr, scheme, o)
            name = unicodedata.normalize("NFD", base)
            if name == base:
                continue
            note = f"{scheme} spelling in decomposed form (NFD combining marks)"
        elif kind == "homoglyph-list":
            # a Cyrillic list (domestic / Russian-language list) with Latin look-alikes
            s = up(russify(pr["s"]) if random.random() < 0.5 else pr["s"])
            g = pr["g"] if random.random() < 0.5 else russify(pr["g"])
            s2, n = homoglyph(s, CYR2LAT)
            if not n:
                continue
            name = layout(s2, g, pr["p"] if random.random() < 0.4 else "", random.choice(
                ["SGP", "SG"]))
            note = f"Cyrillic list name with {n} Latin look-alike letter(s) in the surname"
        elif kind == "homoglyph-applicant":
            s2, n = homoglyph(pr["s"], CYR2LAT)
            if not n:
                continue
            applicant = (s2, pr["g"], pr["p"])
            name = spelled(pr, random.choice(["icao", "bgn"]))
            note = f"applicant surname typed with {n} Latin look-alike letter(s)"
        elif kind == "fullwidth":
            scheme = random.choice(["icao", "bgn"])
            o = scheme_opts(scheme)
            s = up(rom(pr["s"], scheme, o))
            g = rom(pr["g"], scheme, o)
            if random.random() < 0.5:
                name = fullwidth(s) + " " + g
            else:
                name = fullwidth(s + " " + g)
            note = "fullwidth (compatibility) Latin letters"
        elif kind == "nbsp":
            base = spelled(pr, random.choice(["icao", "bgn"]))
            if " " not in base:
                continue
            sp = random.choice(["\u00a0", "\u202f", "\u00a0\u00a0", "  ", "\t"])
            name = base.replace(" ", sp, 1 if random.random() < 0.5 else -1)
            note = "non-breaking / doubled / odd space between words"
        elif kind == "soft-hyphen":
            scheme = random.choice(["icao", "bgn", "kz2021"])
            if scheme == "kz2021" and not fits_kz_latin(pr):
                scheme = "icao"
            o = scheme_opts(scheme)
            s = insert_at(rom(pr["s"], scheme, o), "\u00ad")
            name = layout(s, rom(pr["g"], scheme, o), "", random.choice(["GS", "SG"]))
            note = "soft hyphen inside the surname"
        elif kind == "zero-width":
            ch = random.choice(["\u200b", "\u200c", "\u200d"])
            o = scheme_opts("bgn")
            s = insert_at(rom(pr["s"], "bgn", o), ch)
            name = layout(s, rom(pr["g"], "bgn", o), "", random.choice(["GS", "SG", "S,G"]))
            note = "zero-width character (U+%04X) inside the surname" % ord(ch)
        elif kind == "odd-case":
            base = spelled(pr, random.choice(["icao", "bgn"]), drop_p=True, style="SG")
            mode = random.choice(["swap", "lower", "random"])
            if mode == "swap":
                name = base.swapcase()
            elif mode == "lower":
                name = base.lower()
            else:
                name = "".join(c.upper() if random.random() < 0.5 else c.lower() for c in base)
            note = f"odd capitalisation ({mode})"
        elif kind == "stray-comma":
            o = scheme_opts("bgn")
            s, g = rom(pr["s"], "bgn", o), rom(pr["g"], "bgn", o)
            form = random.choice(["{S}, {G},", "{S},, {G}", "{S} ,{G}", ", {S} {G}",
                                  "{G}, {S}", "{S}, {G} ,"])
            name = form.format(S=up(s), G=g)
            note = "stray or misplaced comma"
        elif kind == "nfd-applicant":
            # Cyrillic й and ё decompose (и + U+0306, е + U+0308)
            if not any(ch in (pr["s"] + pr["g"] + pr["p"]).lower() for ch in "йё"):
                continue
            applicant = tuple(unicodedata.normalize("NFD", x) for x in
                              (pr["s"], pr["g"], pr["p"]))
            name = spelled(pr, random.choice(["icao", "bgn"]))
            note = "applicant's й/ё stored decomposed (NFD)"
        elif kind == "kelvin":
            scheme = random.choice(["icao", "bgn"])
            base = spelled(pr, scheme)
            if "K" not in base:
                continue
            name = base.replace("K", "\u212a")
            note = "KELVIN SIGN (U+212A) for K"
        else:  # bom
            name = "\ufeff" + spelled(pr, random.choice(["icao", "bgn"]))
            note = "byte-order mark at the start of the list name"
        add(pr, name, d, 1, cat, f"{note}; {date_note(d)}", applicant=applicant)
        made += 1


gen_unicode()

# ---------------------------------------------------------------------------
# family: genuine variants of one name across languages
# ---------------------------------------------------------------------------
GIVEN_FAMILIES = [
    # (Cyrillic forms an applicant may hold, Latin forms lists use)
    (["Мұхаммед", "Мухаммед", "Мұхамед", "Магомед", "Мухаммад"],
     ["Muhammad", "Mohammed", "Mohammad", "Mukhammed", "Mukhamed", "Magomed", "Mohamed",
      "Muhammed", "Mahomet", "Mehmet"]),
    (["Абдулла", "Абдуллах", "Абдулло"], ["Abdallah", "Abdullah", "Abdulla", "Abdulloh",
                                           "Abd Allah"]),
    (["Хусейн", "Гусейн", "Хусаин", "Құсайын"], ["Husayn", "Hussein", "Husein", "Huseyn",
                                                  "Hüseyin", "Husain", "Khusain", "Guseyn"]),
    (["Ахмед", "Ахмет", "Ахмад", "Ахмат"], ["Ahmad", "Ahmed", "Akhmad", "Akhmed", "Akhmet",
                                             "Ahmet", "Akhmat"]),
    (["Юсуф", "Жүсіп", "Юсуп"], ["Yusuf", "Yousef", "Yusup", "Jusup", "Zhusip", "Youssef",
                                 "Yusif"]),
    (["Ыбырай", "Ибрагим", "Ибраһим"], ["Ibrahim", "Ibragim", "Ybyrai", "Ebrahim", "Ibrohim",
                                        "Ybyray"]),
    (["Ысқақ", "Исхак", "Исхақ"], ["Iskak", "Ishak", "Ishaq", "Iskhak", "Yskak"]),
    (["Мұса", "Муса"], ["Musa", "Moussa", "Mussa", "Mousa"]),
    (["Жақып", "Якуб", "Якуп"], ["Yakub", "Yaqub", "Zhakyp", "Jakyp", "Yakup", "Yacoub"]),
    (["Шыңғыс", "Чингиз", "Чингис"], ["Chingiz", "Chingis", "Shyngys", "Genghis", "Cengiz",
                                       "Dzhengis"]),
    (["Хасан", "Гасан", "Хасен"], ["Hasan", "Hassan", "Khasan", "Gasan", "Hassen"]),
    (["Омар", "Умар"], ["Omar", "Umar", "Omer", "Ömer"]),
    (["Исмаил", "Ысмайыл", "Исмагил"], ["Ismail", "Ismayil", "Ismoil", "Ismagil", "Ismayyl"]),
    (["Абдурахман", "Әбдірахман", "Абдрахман"], ["Abdurakhman", "Abdul Rahman",
                                                 "Abd al-Rahman", "Abdurrahman",
                                                 "Abdrakhman", "Abdelrahman"]),
    (["Сулейман", "Сүлеймен"], ["Suleiman", "Sulayman", "Suleymen", "Süleyman", "Sulaiman"]),
    (["Абдул-Карим", "Әбдікәрім"], ["Abd al-Karim", "Abdul Karim", "Abdulkarim",
                                    "Abdikarim"]),
]
SURNAME_FAMILIES = [
    (["Цой"], ["Tsoy", "Tsoi", "Choi", "Choe"]),
    (["Пак"], ["Park", "Pak", "Bak"]),
    (["Ли"], ["Lee", "Li", "Yi", "Rhee"]),
    (["Ким"], ["Kim", "Gim"]),
    (["Тен"], ["Ten", "Jeong"]),
    (["Хан"], ["Han"]),
    (["Шин"], ["Shin", "Sin"]),
    (["Кан"], ["Kang", "Kan"]),
    (["Қонаев"], ["Kunaev", "Kunayev", "Konaev", "Qonaev"]),
    (["Жүсіпов"], ["Zhusupov", "Yusupov", "Jusupov"]),
    (["Ыбырайымов"], ["Ibragimov", "Ybyraimov", "Ibrahimov"]),
    (["Ысқақов"], ["Iskakov", "Ishakov", "Yskakov"]),
    (["Құсайынов"], ["Khusainov", "Kussainov", "Huseynov"]),
    (["Ахметов"], ["Akhmetov", "Akhmedov", "Ahmedov", "Ahmadov"]),
    (["Мұхамедов"], ["Mukhamedov", "Magomedov", "Muhammadov", "Mukhammedov"]),
]


def gen_family():
    cat = "family"
    n = 0
    while n < 46:
        use_given = n % 3 != 2
        if use_given:
            cyr, lat = random.choice(GIVEN_FAMILIES)
            pr = person(random.choice(["kz", "kz", "tat", "uz"]), female=False)
            pr["g"] = random.choice(cyr)
            fam_cyr = pr["g"]
        else:
            cyr, lat = random.choice(SURNAME_FAMILIES)
            eth = "kor" if cyr[0] in KOR_SURNAMES else "kz"
            pr = person(eth)
            pr["s"] = fem(cyr[0]) if (pr["female"] and eth != "kor") else cyr[0]
            fam_cyr = pr["s"]
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        plain = rom(fam_cyr, scheme, o)
        choices = [x for x in lat if x.lower() != plain.lower()] or lat
        fam_lat = random.choice(choices)
        if not use_given and pr["female"] and cyr[0] not in KOR_SURNAMES:
            fam_lat = fam_lat + "a"
        s = fam_lat if not use_given else rom(pr["s"], scheme, o)
        g = fam_lat if use_given else rom(pr["g"], scheme, o)
        p = rom(pr["p"], scheme, o) if random.random() < 0.4 else ""
        name = layout(s, g, p)
        d = half_date(pr)
        add(pr, name, d, 1, cat, f"{fam_cyr} listed as {fam_lat}; {date_note(d)}")
        n += 1


gen_family()

# ---------------------------------------------------------------------------
# initials
# ---------------------------------------------------------------------------
INITIAL = {"ж": ["Zh", "J", "Z"], "е": ["E", "Ye"], "ё": ["E", "Yo"], "х": ["Kh", "H"],
           "һ": ["H"], "ю": ["Yu", "Iu", "Ju"], "я": ["Ya", "Ia", "Ja"], "ш": ["Sh", "S"],
           "щ": ["Shch", "Sh"], "ч": ["Ch", "C"], "ц": ["Ts", "C"], "й": ["Y", "I"],
           "ә": ["A"], "ғ": ["G", "Gh"], "қ": ["K", "Q"], "ң": ["N"], "ө": ["O"],
           "ұ": ["U"], "ү": ["U"], "і": ["I"], "ы": ["Y"], "э": ["E"], "в": ["V", "W"],
           "г": ["G"], "у": ["U"], "и": ["I"]}


def initial(word):
    parts = word.split("-")
    out = []
    for p in parts:
        c = p[0].lower()
        out.append(random.choice(INITIAL.get(c, [ICAO[c].upper() if c in ICAO else c.upper()]))
                   + ".")
    if len(out) > 1 and random.random() < 0.5:
        return out[0]
    return "-".join(out)


def gen_initials():
    cat = "initials"
    for k in range(48):
        pr = person(random.choice(["kz", "kz", "kz", "ru", "ru", "tat"]), pat_prob=0.9)
        scheme = random.choice(["bgn", "icao"])
        s = rom(pr["s"], scheme, scheme_opts(scheme))
        gi = initial(pr["g"])
        pi = initial(pr["p"]) if pr["p"] and random.random() < 0.6 else ""
        form = random.choice(["I S", "S I", "S I", "IP S", "S, I P", "S IP"])
        if form == "I S":
            name = f"{gi} {s}"
        elif form == "S I":
            name = f"{s} {gi}"
        elif form == "IP S":
            name = f"{gi}{pi} {s}"
        elif form == "S, I P":
            name = f"{up(s)}, {gi} {pi}".rstrip()
        else:
            name = f"{s} {gi}{pi}"
        if k >= 44:
            d = other_date(pr["birth"])
            add(pr, name, d, 0, cat, "initials; same initials and surname, different birth date")
        else:
            d = half_date(pr)
            add(pr, name, d, 1, cat, f"initials of {pr['g']}"
                + (f" {pr['p']}" if pi else "") + f"; {date_note(d)}")


gen_initials()

# ---------------------------------------------------------------------------
# short-names: Korean-Kazakh short surnames
# ---------------------------------------------------------------------------
SHORT = {"Пак": ["Pak", "Park"], "Ли": ["Li", "Lee"], "Ким": ["Kim"], "Цой": ["Tsoy", "Tsoi", "Choi"],
         "Тен": ["Ten"], "Хан": ["Khan", "Han"], "Ни": ["Ni"], "Ю": ["Yu", "Iu"], "Ом": ["Om"],
         "Ан": ["An"], "Нам": ["Nam"], "Шин": ["Shin"]}
SHORT_KEYS = list(SHORT)


def gen_short():
    cat = "short-names"
    for k in range(48):
        pr = person("kor")
        pr["s"] = SHORT_KEYS[k % len(SHORT_KEYS)]
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        s = random.choice(SHORT[pr["s"]])
        g = rom(pr["g"], scheme, o)
        p = rom(pr["p"], scheme, o) if random.random() < 0.4 else ""
        name = layout(s, g, p)
        if k >= 44:
            d = other_date(pr["birth"])
            add(pr, name, d, 0, cat, f"{pr['s']} as {s}; same name, different full birth date")
        else:
            d = half_date(pr)
            add(pr, name, d, 1, cat, f"{pr['s']} as {s}; {date_note(d)}")


gen_short()

# ---------------------------------------------------------------------------
# compound-given
# ---------------------------------------------------------------------------
COMPOUNDS = [  # (Cyrillic forms, Latin forms)
    (["Қасым-Жомарт", "Қасымжомарт"], ["Kassym-Jomart", "Kassymjomart", "Kassym Jomart",
                                       "Kasym-Zhomart", "Kasymzhomart", "Kasym Zhomart"]),
    (["Әли-Хан", "Әлихан"], ["Ali-Khan", "Alikhan", "Ali Khan", "Alihan", "Ali-Han"]),
    (["Нұр-Ислам", "Нұрислам"], ["Nur-Islam", "Nurislam", "Nur Islam"]),
    (["Абдул-Азиз", "Абдулазиз"], ["Abdul-Aziz", "Abdulaziz", "Abdul Aziz"]),
    (["Мұхаммед-Әли", "Мұхаммедәли"], ["Mukhammed-Ali", "Mukhammedali", "Mukhammed Ali"]),
    (["Ислам-Бек", "Исламбек"], ["Islam-Bek", "Islambek", "Islam Bek"]),
    (["Абдул-Хамид", "Абдулхамид"], ["Abdul-Khamid", "Abdulkhamid", "Abdul Khamid",
                                     "Abdul-Hamid", "Abdulhamid"]),
    (["Мұхамед-Қали", "Мұхамедқали"], ["Mukhamed-Kali", "Mukhamedkali", "Mukhamed Kali",
                                       "Mukhamedkaly"]),
    (["Нұр-Әли", "Нұрәлі"], ["Nur-Ali", "Nurali", "Nur Ali"]),
    (["Қажы-Мұқан", "Қажымұқан"], ["Kazhy-Mukan", "Kazhymukan", "Kazhy Mukan"]),
    (["Бек-Болат", "Бекболат"], ["Bek-Bolat", "Bekbolat", "Bek Bolat"]),
    (["Анна-Мария"], ["Anna-Mariya", "Anna Mariya", "Annamariya", "Anna-Maria"]),
]


def gen_compound():
    cat = "compound-given"
    for k in range(44):
        cyr, lat = COMPOUNDS[k % len(COMPOUNDS)]
        female = cyr[0] == "Анна-Мария"
        pr = person("ru" if female else "kz", female=female)
        pr["g"] = random.choice(cyr)
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        # prefer a joining different from the applicant's
        joined = "-" in pr["g"]
        cands = [x for x in lat if ("-" in x) != joined] or lat
        g = random.choice(cands)
        s = rom(pr["s"], scheme, o)
        p = rom(pr["p"], scheme, o) if random.random() < 0.4 else ""
        name = layout(s, g, p)
        d = half_date(pr)
        add(pr, name, d, 1, cat, f"{pr['g']} listed as {g}; {date_note(d)}")


gen_compound()

# ---------------------------------------------------------------------------
# patronymic-surname: -ұлы / -қызы surnames against -ов / -ова forms
# ---------------------------------------------------------------------------
def gen_patronymic_surname():
    cat = "patronymic-surname"
    for k in range(44):
        female = random.random() < 0.45
        father = random.choice(KZ_FATHERS)
        pr = person("kz", female=female, pat_prob=0.0)
        uly = father + ("қызы" if female else "ұлы")
        ov = surname_from_father(father, female)
        scheme = random.choice(["bgn", "icao", "icao", "kz2021"])
        if scheme == "kz2021" and not all(c in KZ_LATIN_OK for c in (uly + ov + pr["g"]).lower()):
            scheme = "icao"
        o = scheme_opts(scheme)
        g = rom(pr["g"], scheme, o)
        mode = k % 4
        d = half_date(pr)
        if mode == 0:   # applicant -ұлы, list -ов
            pr["s"] = uly
            name = layout(rom(ov, scheme, o), g, "", random.choice(["SG", "GS", "S,G"]),
                          scheme in DOTTED)
            note = f"{uly} listed under the -ov form {ov}"
        elif mode == 1:  # applicant -ов, list -ұлы
            pr["s"] = ov
            name = layout(rom(uly, scheme, o), g, "", random.choice(["SG", "GS", "S,G"]),
                          scheme in DOTTED)
            note = f"{ov} listed under the -uly/-kyzy form {uly}"
        elif mode == 2:  # same -ұлы form romanised
            pr["s"] = uly
            name = layout(rom(uly, scheme, o), g, "", random.choice(["SG", "GS", "S,G", "UN"]),
                          scheme in DOTTED)
            note = f"{uly} romanised as one word"
        else:           # one-word list entry: only with the applicant's full birth date
            pr["s"] = uly
            d = pr["birth"]
            name = up(rom(random.choice([uly, ov]), scheme, o), scheme in DOTTED)
            note = "one-word list entry with the applicant's full birth date"
        add(pr, name, d, 1, cat, f"{note}; {date_note(d)}")


gen_patronymic_surname()

# ---------------------------------------------------------------------------
# double-surname
# ---------------------------------------------------------------------------
def gen_double():
    cat = "double-surname"
    k = -1
    while k < 43:
        k += 1
        female = random.random() < 0.8
        pr = person(random.choice(["kz", "kz", "ru"]), female=female)
        a = random.choice(RU_SURNAMES[:30] + KZ_SURNAMES)
        b = random.choice(KZ_SURNAMES + RU_SURNAMES[:30])
        if a == b or a[:4] == b[:4]:
            k -= 1
            continue
        if female:
            a, b = fem(a), fem(b)
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        ra, rb = rom(a, scheme, o), rom(b, scheme, o)
        g = rom(pr["g"], scheme, o)
        mode = k % 4
        if mode == 0:   # applicant double, list second part
            pr["s"] = f"{a}-{b}"
            ls = rb
        elif mode == 1:  # applicant double, list first part
            pr["s"] = f"{a}-{b}"
            ls = ra
        elif mode == 2:  # list double, applicant one part
            pr["s"] = b
            ls = f"{ra}-{rb}"
        else:           # applicant double, list double with a space
            pr["s"] = f"{a}-{b}"
            ls = f"{ra} {rb}"
        d = half_date(pr)
        name = layout(ls, g, "", random.choice(["SG", "GS", "S,G", "EU"]))
        add(pr, name, d, 1, cat, f"applicant {pr['s']} vs list {ls}; {date_note(d)}")


gen_double()

# ---------------------------------------------------------------------------
# mononym: one-word list entries
# ---------------------------------------------------------------------------
def gen_mononym():
    cat = "mononym"
    for k in range(70):
        pr = person(random.choice(["kz", "kz", "ru", "tat", "uz"]))
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        which = random.random()
        word = pr["s"] if which < 0.65 else pr["g"]
        name = rom(word, scheme, o)
        if random.random() < 0.6:
            name = up(name)
        what = "surname" if which < 0.65 else "given name"
        if k < 38:
            add(pr, name, pr["birth"], 1, cat, f"one word ({what}) with the applicant's full birth date")
        else:
            m = k % 4
            if m == 0:
                add(pr, name, "", 0, cat, f"one word ({what}), no list birth date")
            elif m == 1:
                add(pr, name, other_date(pr["birth"]), 0, cat,
                    f"one word ({what}), different full birth date")
            elif m == 2:
                add(pr, name, pr["birth"][:4], 0, cat,
                    f"one word ({what}), year only: not a full date")
            else:
                add(pr, name, other_date(pr["birth"], 1, 1), 0, cat,
                    f"one word ({what}), close but different full birth date")


gen_mononym()

# ---------------------------------------------------------------------------
# birth-date-weak
# ---------------------------------------------------------------------------
def gen_weak_date():
    cat = "birth-date-weak"
    n = 0
    k = 0
    while n < 44:
        k += 1
        pr = person()
        y, m, dd = pr["birth"].split("-")
        mode = n % 4
        if mode == 0:
            d, why = y, "year only"
        elif mode == 1:
            if (m, dd) == ("01", "01"):
                continue
            d, why = f"{y}-01-01", "01-01 placeholder"
        elif mode == 2:
            if int(dd) > 12 or dd == m:
                continue
            d, why = f"{y}-{dd}-{m}", "day and month swapped"
        else:
            d, why = f"{y}-{m}", "year and month only"
        scheme = random.choice(["bgn", "icao", "icao"])
        add(pr, spelled(pr, scheme), d, 1, cat, f"{scheme} spelling; list date {why}")
        n += 1


gen_weak_date()

# ---------------------------------------------------------------------------
# word-order
# ---------------------------------------------------------------------------
def gen_word_order():
    cat = "word-order"
    orders = ["PSG", "GSP", "SPG", "PGS", "GPS-UP", "SGP-UP", "G,S", "gps-lower"]
    for k in range(44):
        pr = person(pat_prob=0.9)
        if not pr["p"]:
            pr["p"] = ru_patronymic(random.choice(KZ_FATHERS), pr["female"])
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        s, g, p = rom(pr["s"], scheme, o), rom(pr["g"], scheme, o), rom(pr["p"], scheme, o)
        order = orders[k % len(orders)]
        if order == "PSG":
            name = f"{p} {s} {g}"
        elif order == "GSP":
            name = f"{g} {up(s)} {p}"
        elif order == "SPG":
            name = f"{up(s)} {p} {g}"
        elif order == "PGS":
            name = f"{p} {g} {s}"
        elif order == "GPS-UP":
            name = up(f"{g} {p} {s}")
        elif order == "SGP-UP":
            name = up(f"{s} {g} {p}")
        elif order == "G,S":
            name = f"{up(g)}, {s} {p}"
        else:
            name = f"{g} {p} {s}".lower()
        d = half_date(pr)
        add(pr, name, d, 1, cat, f"order {order}; {date_note(d)}")


gen_word_order()

# ---------------------------------------------------------------------------
# Negative categories
# ---------------------------------------------------------------------------
SEX_PAIRS = [("Валентин", "Валентина"), ("Александр", "Александра"), ("Евгений", "Евгения"),
             ("Ян", "Яна"), ("Владислав", "Владислава"), ("Ярослав", "Ярослава"),
             ("Станислав", "Станислава"), ("Мирослав", "Мирослава"), ("Богдан", "Богдана"),
             ("Юлиан", "Юлиана"), ("Карим", "Карима"), ("Рашид", "Рашида"), ("Салим", "Салима"),
             ("Фарид", "Фарида"), ("Камил", "Камила"), ("Наиль", "Наиля"), ("Рамиль", "Рамиля"),
             ("Равиль", "Равиля"), ("Алим", "Алима"), ("Эльмир", "Эльмира"),
             ("Виктор", "Виктория"), ("Руслан", "Руслана")]


def gen_near_sex():
    cat = "near-sex"
    for k in range(50):
        m, f = SEX_PAIRS[k % len(SEX_PAIRS)]
        app_female = random.random() < 0.5
        eth = random.choice(["ru", "ru", "kz", "tat", "kor"])
        pr = person(eth, female=app_female)
        pr["g"] = f if app_female else m
        other = dict(pr)
        other["g"] = m if app_female else f
        other["female"] = not app_female
        other["s"] = masc(pr["s"]) if app_female else fem(pr["s"])
        if eth == "kor":
            other["s"] = pr["s"]
        scheme = random.choice(["bgn", "icao", "gost", "german"])
        o = scheme_opts(scheme)
        name = layout(rom(other["s"], scheme, o), rom(other["g"], scheme, o), "")
        add(pr, name, "", 0, cat, f"{pr['g']} vs {other['g']} ({other['s']}); no birth date")


gen_near_sex()

SUFFIX_GIVEN = [("Нұрлан", "Нұрланбек"), ("Бақыт", "Бақытжан"), ("Бақыт", "Бақытбек"),
                ("Асқар", "Асқарбек"), ("Мұрат", "Мұратбек"), ("Мұрат", "Мұратхан"),
                ("Серік", "Серікбай"), ("Серік", "Серікжан"), ("Серік", "Серікбол"),
                ("Айдар", "Айдарбек"), ("Болат", "Болатбек"), ("Болат", "Болатхан"),
                ("Дәурен", "Дәуренбек"), ("Қанат", "Қанатбек"), ("Әли", "Әлихан"),
                ("Әли", "Әлибек"), ("Ерлан", "Ерланбек"), ("Талғат", "Талғатбек"),
                ("Марат", "Маратбек"), ("Ермек", "Ермекбай"), ("Сейіт", "Сейітқали"),
                ("Мұхамед", "Мұхамедғали"), ("Қайрат", "Қайратбек"), ("Сұлтан", "Сұлтанбек"),
                ("Сұлтан", "Сұлтанмұрат"), ("Ғали", "Ғалиакбар"), ("Ерік", "Ерікбол")]
SUFFIX_GIVEN_F = [("Жанар", "Жанаргүл"), ("Бақыт", "Бақытгүл"), ("Айым", "Айымгүл"),
                  ("Дана", "Данагүл"), ("Әсем", "Әсемгүл"), ("Назым", "Назымгүл")]
SUFFIX_SURNAME = [("Оспанов", "Оспанбеков"), ("Серіков", "Серікбаев"), ("Ахметов", "Ахметжанов"),
                  ("Ахметов", "Ахметбеков"), ("Сәрсенов", "Сәрсенбаев"), ("Бейсенов", "Бейсенбаев"),
                  ("Ермеков", "Ермекбаев"), ("Асқаров", "Асқарбеков"), ("Мұратов", "Мұратбеков"),
                  ("Әлиев", "Әлиханов"), ("Төлеуов", "Төлеубаев"), ("Тұрсынов", "Тұрсынбаев"),
                  ("Мұхамедов", "Мұхамедғалиев"), ("Нұрланов", "Нұрланбеков")]


def gen_near_suffix():
    cat = "near-suffix"
    for k in range(50):
        mode = k % 3
        female = mode == 1
        pr = person("kz", female=female)
        other = dict(pr)
        if mode == 0:
            a, b = random.choice(SUFFIX_GIVEN)
        elif mode == 1:
            a, b = random.choice(SUFFIX_GIVEN_F)
        else:
            a, b = random.choice(SUFFIX_SURNAME)
        if random.random() < 0.5:
            a, b = b, a
        if mode == 2:
            pr["s"] = fem(a) if female else a
            other["s"] = fem(b) if female else b
        else:
            pr["g"], other["g"] = a, b
        scheme = random.choice(["bgn", "icao", "kz2021"])
        if scheme == "kz2021" and not fits_kz_latin(other):
            scheme = "icao"
        name = spelled(other, scheme, drop_p=True)
        what = (pr["s"], other["s"]) if mode == 2 else (pr["g"], other["g"])
        add(pr, name, "", 0, cat, f"{what[0]} vs {what[1]}: root plus suffix is another name")


gen_near_suffix()

NEAR_GIVEN = [("Ерлан", "Ержан"), ("Арман", "Арсен"), ("Айдос", "Айдар"), ("Серік", "Берік"),
              ("Ерік", "Берік"), ("Марат", "Мұрат"), ("Асхат", "Асқар"), ("Нұрлан", "Нұрхан"),
              ("Данияр", "Дамир"), ("Азамат", "Азат"), ("Қайрат", "Қанат"),
              ("Бауыржан", "Бақытжан"), ("Жандос", "Жандар"), ("Ербол", "Ерлан"),
              ("Олег", "Глеб"), ("Юрий", "Юлий"), ("Артём", "Артур"), ("Денис", "Демид"),
              ("Георгий", "Григорий"), ("Валерий", "Валентин"), ("Виталий", "Василий"),
              ("Роман", "Руслан")]
NEAR_GIVEN_F = [("Дина", "Дана"), ("Мадина", "Марина"), ("Динара", "Дилара"),
                ("Жанар", "Жанат"), ("Әсел", "Әсем"), ("Аружан", "Аяжан"),
                ("Ақмарал", "Ақбота"), ("Мария", "Марина"), ("Дарья", "Дарина"),
                ("Алина", "Алёна"), ("Светлана", "Снежана"), ("Ксения", "Есения"),
                ("Айгүл", "Айгерім")]
RU_GIVEN_SET = set(RU_MALE + RU_FEMALE + ["Глеб", "Юлий", "Артур", "Демид", "Георгий",
                                          "Валерий", "Валентин", "Виталий", "Василий",
                                          "Руслан", "Дарина", "Алина", "Снежана", "Есения",
                                          "Марина"])


def gen_near_given():
    cat = "near-given"
    for k in range(50):
        female = k % 3 == 1
        a, b = random.choice(NEAR_GIVEN_F if female else NEAR_GIVEN)
        if random.random() < 0.5:
            a, b = b, a
        eth = "ru" if a in RU_GIVEN_SET else "kz"
        pr = person(eth, female=female)
        pr["g"] = a
        other = dict(pr)
        other["g"] = b
        scheme = random.choice(["bgn", "icao", "gost", "french"])
        name = spelled(other, scheme, drop_p=random.random() < 0.7)
        add(pr, name, "", 0, cat, f"{a} vs {b}, same surname; no birth date")


gen_near_given()

NEAR_SURNAME = [("Сейтов", "Саитов"), ("Бекенов", "Бегенов"), ("Қасымов", "Қасенов"),
                ("Есенов", "Есімов"), ("Ермеков", "Еркенов"), ("Төлеуов", "Төлегенов"),
                ("Әбенов", "Әбеков"), ("Сәтбаев", "Сапаев"), ("Жақсыбеков", "Жақсылықов"),
                ("Нұрғалиев", "Нұрғазиев"), ("Бейсенов", "Бейсеков"), ("Сыздықов", "Сыдықов"),
                ("Дүйсенов", "Дүйсеков"), ("Байжанов", "Байманов"),
                ("Попов", "Попков"), ("Котов", "Кротов"), ("Волков", "Волохов"),
                ("Зайцев", "Зайков"), ("Новиков", "Новичков"), ("Гусев", "Гуськов"),
                ("Белов", "Беляев"), ("Орлов", "Орлик"), ("Карпов", "Карпенко"),
                ("Ильин", "Ильюшин"), ("Жуков", "Жучков")]


def gen_near_surname():
    cat = "near-surname"
    for k in range(50):
        a, b = NEAR_SURNAME[k % len(NEAR_SURNAME)]
        if random.random() < 0.5:
            a, b = b, a
        eth = "kz" if k % len(NEAR_SURNAME) < 14 else "ru"
        pr = person(eth)
        pr["s"] = fem(a) if pr["female"] else a
        other = dict(pr)
        other["s"] = fem(b) if pr["female"] else b
        scheme = random.choice(["bgn", "icao", "gost"])
        name = spelled(other, scheme, drop_p=random.random() < 0.6)
        add(pr, name, "", 0, cat, f"{pr['s']} vs {other['s']}, same given name; no birth date")


gen_near_surname()


def gen_near_date():
    cat = "near-date"
    for k in range(50):
        pr = person()
        scheme = random.choice(["bgn", "icao", "gost", "german", "polish"])
        d = other_date(pr["birth"])
        name = spelled(pr, scheme)
        add(pr, name, d, 0, cat, f"{scheme} spelling of the same name; full birth date "
            f"{d} vs {pr['birth']}")


gen_near_date()

NEAR_FAMILY = [  # (applicant's name, kind, list spelling of a DIFFERENT name)
    ("Ли", "s", "Lim"), ("Лим", "s", "Li"), ("Пак", "s", "Paek"), ("Пак", "s", "Baek"),
    ("Цой", "s", "Chon"), ("Тен", "s", "Tyan"), ("Тян", "s", "Ten"), ("Ан", "s", "Han"),
    ("Хан", "s", "An"), ("Кан", "s", "Han"), ("Шин", "s", "Shim"), ("Ю", "s", "Yun"),
    ("Юн", "s", "Yu"), ("Ом", "s", "O"), ("О", "s", "Om"), ("Огай", "s", "Yugai"),
    ("Когай", "s", "Ogai"), ("Ким", "s", "Kam"), ("Шин", "s", "Sim"),
    ("Хасан", "g", "Husayn"), ("Хусейн", "g", "Hasan"), ("Ахмед", "g", "Mahmud"),
    ("Махмуд", "g", "Ahmad"), ("Мұхаммед", "g", "Mahmud"), ("Мұса", "g", "Isa"),
    ("Иса", "g", "Musa"), ("Юсуф", "g", "Yunus"), ("Юнус", "g", "Yusuf"),
    ("Карим", "g", "Rahim"), ("Рахим", "g", "Karim"), ("Ибрагим", "g", "Ismail"),
    ("Саид", "g", "Saad"), ("Хамид", "g", "Hamza"), ("Амир", "g", "Amin"),
    ("Омар", "g", "Ammar"), ("Абдурахман", "g", "Abdurakhim"), ("Абдулазиз", "g", "Abdulkarim"),
]


def gen_near_family():
    cat = "near-family"
    for k in range(50):
        app, kind, lat = NEAR_FAMILY[k % len(NEAR_FAMILY)]
        if kind == "s":
            pr = person("kor")
            pr["s"] = app
        else:
            pr = person(random.choice(["kz", "tat", "uz"]), female=False)
            pr["g"] = app
        scheme = random.choice(["bgn", "icao"])
        o = scheme_opts(scheme)
        s = lat if kind == "s" else rom(pr["s"], scheme, o)
        g = lat if kind == "g" else rom(pr["g"], scheme, o)
        name = layout(s, g, "")
        add(pr, name, "", 0, cat, f"{app} vs {lat}: a different name; no birth date")


gen_near_family()

# ---------------------------------------------------------------------------
random.shuffle(ROWS)
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(HEADER)
for r in ROWS:
    w.writerow(r)
