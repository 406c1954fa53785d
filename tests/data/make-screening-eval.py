import csv, random, sys
random.seed(20261125)

# (surname male, surname female or None, ethnicity)
KZ_SURNAMES = ["Тоқаев","Ахметов","Назарбаев","Сейітов","Жұмабеков","Қасымов","Әлиев","Бекмұхамбетов","Оспанов","Есенов",
 "Құдайбергенов","Жақсыбеков","Тәжібаев","Нұрғалиев","Серікбаев","Мұхамеджанов","Ыбырайымов","Шәріпов","Бейсенов","Әбілқасымов",
 "Сәрсенбаев","Ғабдуллин","Төлеуов","Үсенов","Исабеков","Жанұзақов","Қойшыбаев","Ермеков","Дүйсенбаев","Сыздықов"]
RU_SURNAMES = ["Иванов","Смирнов","Кузнецов","Попов","Соколов","Лебедев","Козлов","Новиков","Морозов","Волков",
 "Соловьёв","Васильев","Зайцев","Павлов","Семёнов","Голубев","Виноградов","Богданов","Воробьёв","Фёдоров","Щербаков","Журавлёв","Чернышёв","Юдин","Ершов"]
KZ_MALE = ["Қасым-Жомарт","Ержан","Нұрсұлтан","Асқар","Бауыржан","Ерлан","Дәурен","Серік","Жандос","Қайрат","Мұрат","Ғалымжан","Әлихан","Нұрлан","Айдос","Темірлан","Ербол","Жомарт","Рахат","Талғат","Қуаныш","Ерғали","Шыңғыс","Жәнібек","Олжас"]
KZ_FEMALE = ["Динара","Айгүл","Гүлнара","Жанар","Әсел","Сәуле","Ақмарал","Мәдина","Аружан","Жұлдыз","Қарлығаш","Ләззат","Ғалия","Айнұр","Нұржамал"]
RU_MALE = ["Александр","Сергей","Дмитрий","Андрей","Алексей","Юрий","Евгений","Илья","Григорий","Вячеслав","Фёдор","Артём","Кирилл","Максим","Никита"]
RU_FEMALE = ["Елена","Наталья","Мария","Юлия","Татьяна","Ирина","Екатерина","Ольга","Светлана","Ксения","Дарья","Анастасия"]
KZ_FATHERS = ["Кемел","Әбіш","Серік","Мұрат","Болат","Ерлан","Қайрат","Нұрлан","Жақсылық","Төлеген","Бақыт","Ермек"]
RU_FATHERS = ["Иван","Сергей","Петр","Николай","Владимир","Андрей","Михаил","Александр","Юрий","Виктор"]

def fem(surname):
    for a,b in [("ов","ова"),("ев","ева"),("ёв","ёва"),("ин","ина")]:
        if surname.endswith(a): return surname[:-len(a)]+b
    return surname

def patronymic(father, female, kazakh):
    if kazakh and random.random()<0.5:
        return father + ("қызы" if female else "ұлы")
    f = father
    if f.endswith("й"): base = f[:-1]+"ев"
    elif f[-1] in "аеиоуыэюяәөұүі": base = f+"ев"
    elif f.endswith("ь"): base=f[:-1]+"ев"
    else: base = f+"ов"
    if f in ("Петр",): base="Петров"
    return base+("на" if female else "ич")

VOW = set("аеёиоуыэюяәөұүі")
ICAO = {"а":"a","б":"b","в":"v","г":"g","д":"d","е":"e","ё":"e","ж":"zh","з":"z","и":"i","й":"i","к":"k","л":"l","м":"m","н":"n","о":"o","п":"p","р":"r","с":"s","т":"t","у":"u","ф":"f","х":"kh","ц":"ts","ч":"ch","ш":"sh","щ":"shch","ъ":"ie","ы":"y","ь":"","э":"e","ю":"iu","я":"ia",
        "ә":"a","ғ":"g","қ":"k","ң":"n","ө":"o","ұ":"u","ү":"u","һ":"h","і":"i"}
def icao(w):
    return cap("".join(ICAO.get(c,c) for c in w.lower()))

def bgn(w):
    out=[];lw=w.lower()
    for i,c in enumerate(lw):
        prev = lw[i-1] if i>0 else None
        if c=="е": out.append("ye" if (prev is None or prev in VOW or prev in "ьъ") else "e")
        elif c=="ё": out.append("yo" if (prev is None or prev in VOW) else "yo" if random.random()<0.3 else "e")
        elif c=="й": out.append("y")
        elif c=="ю": out.append("yu")
        elif c=="я": out.append("ya")
        elif c=="ы": out.append("y")
        elif c=="ь": out.append("")
        elif c=="ғ": out.append("gh")
        elif c=="ң": out.append("ng" if random.random()<0.3 else "n")
        else: out.append(ICAO.get(c,c))
    s="".join(out)
    return cap(s)

KZ21 = dict(ICAO); KZ21.update({"ә":"ä","ғ":"ğ","қ":"q","ң":"ñ","ө":"ö","ұ":"ū","ү":"ü","і":"i","ш":"ş","ж":"j","х":"h","ы":"y","ч":"ch","й":"i","ю":"iu","я":"ia"})
def kz21(w):
    return cap("".join(KZ21.get(c,c) for c in w.lower()))

def informal(w):
    s = bgn(w).lower()
    r = random.random()
    if "zh" in s and r<0.5: s=s.replace("zh","j")
    if "kh" in s and random.random()<0.5: s=s.replace("kh","h")
    # doubled s between vowels as in Kassym
    import re
    if random.random()<0.6: s=re.sub(r"([aeiou])s([aeiouy])", r"\1ss\2", s)
    if s.startswith("ye") and random.random()<0.5: s=s[1:]
    s=s.replace("ayev","aev") if random.random()<0.5 else s
    return cap(s)

def cap(s):
    return "-".join(p[:1].upper()+p[1:] for p in s.split("-"))

SCHEMES=[("icao",icao),("bgn",bgn),("kz2021",kz21),("informal",informal)]

def rom(words, scheme):
    return [scheme(w) for w in words]

def rand_date():
    return f"{random.randint(1950,2000)}-{random.randint(1,12):02d}-{random.randint(1,28):02d}"

def person():
    kazakh = random.random()<0.6
    female = random.random()<0.35
    if kazakh:
        s = random.choice(KZ_SURNAMES); g = random.choice(KZ_FEMALE if female else KZ_MALE); father=random.choice(KZ_FATHERS)
    else:
        s = random.choice(RU_SURNAMES); g = random.choice(RU_FEMALE if female else RU_MALE); father=random.choice(RU_FATHERS)
    if female: s = fem(s)
    p = patronymic(father, female, kazakh) if random.random()<0.8 else ""
    return dict(s=s,g=g,p=p,female=female,kazakh=kazakh,birth=rand_date())

def list_name(pr, scheme, order=None, drop_p=None, initial=False):
    sn, schemef = scheme
    s = schemef(pr["s"]); g = schemef(pr["g"]); p = schemef(pr["p"]) if pr["p"] else ""
    if initial:
        g = g[0]+"."
    if drop_p is None: drop_p = random.random()<0.5
    if drop_p: p=""
    order = order or random.choice(["gs","sg","sgp","gps"])
    parts = {"gs":[g,p,s],"sg":[s,g,p],"sgp":[s,g,p],"gps":[g,p,s]}[order]
    name=" ".join(x for x in parts if x)
    if random.random()<0.25: name = name.upper()
    return name

rows=[]
def add(pr, entry_name, entry_birth, expect, note, country=""):
    rows.append([pr["s"],pr["g"],pr["p"],pr["birth"],"KZ",entry_name,entry_birth,country,1 if expect else 0,note])

# positives
for i in range(190):
    pr=person()
    scheme=random.choice(SCHEMES)
    initial = random.random()<0.06 and not "-" in pr["g"]
    name=list_name(pr, scheme, initial=initial)
    r=random.random()
    birth = pr["birth"] if r<0.45 else (pr["birth"][:4] if r<0.6 else "")
    country = random.choice(["kz","","kz;ru"])
    note=f"same person, {scheme[0]} spelling"+(", initial" if initial else "")+("" if birth else ", no birth date")
    add(pr,name,birth,True,note,country)
# positives in Cyrillic (Russian list spelling of a Kazakh name)
for i in range(20):
    pr=person()
    trans={"ә":"а","ғ":"г","қ":"к","ң":"н","ө":"о","ұ":"у","ү":"у","һ":"х","і":"и","Ә":"А","Ғ":"Г","Қ":"К","Ң":"Н","Ө":"О","Ұ":"У","Ү":"У","І":"И"}
    ru=lambda w:"".join(trans.get(c,c) for c in w)
    name=" ".join(x for x in [ru(pr["s"]).upper(),ru(pr["g"]),ru(pr["p"])] if x)
    add(pr,name,pr["birth"] if random.random()<0.5 else "",True,"same person, Russian Cyrillic spelling of Kazakh letters")

# negatives: same surname, different given name
for i in range(45):
    pr=person()
    other=dict(pr)
    pool = (KZ_FEMALE if pr["female"] else KZ_MALE) if pr["kazakh"] else (RU_FEMALE if pr["female"] else RU_MALE)
    other["g"]=random.choice([x for x in pool if x!=pr["g"]])
    other["birth"]=rand_date()
    name=list_name(other, random.choice(SCHEMES))
    add(pr,name,other["birth"] if random.random()<0.5 else "",False,"different given name")
# negatives: same name, different birth date (common-name trap)
for i in range(40):
    pr=person()
    other=dict(pr)
    y=int(pr["birth"][:4]); other["birth"]=f"{y+random.choice([-9,-5,-3,3,6,11])}-{random.randint(1,12):02d}-{random.randint(1,28):02d}"
    name=list_name(other, random.choice(SCHEMES))
    add(pr,name,other["birth"],False,"same name, different birth date")
# negatives: near-miss surnames
NEAR=[("Ахметов","Ахматов"),("Омаров","Умаров"),("Сейітов","Сейтеков"),("Иванов","Иваненко"),("Козлов","Козлюк"),("Оспанов","Оспаналиев"),("Есенов","Есенеев"),("Қасымов","Қасенов"),("Бейсенов","Бейсембаев"),("Ермеков","Еркенов"),("Смирнов","Смирных"),("Попов","Поповкин"),("Морозов","Мирзоев"),("Волков","Волынов"),("Павлов","Павлюк"),("Әлиев","Алиханов"),("Үсенов","Усманов"),("Төлеуов","Төлегенов"),("Исабеков","Исаков"),("Зайцев","Зайков")]
for i in range(45):
    a,b=random.choice(NEAR)
    if random.random()<0.5: a,b=b,a
    pr=person(); pr["s"]=a
    if pr["female"]: pr["s"]=fem(a)
    other=dict(pr); other["s"]=fem(b) if pr["female"] else b
    if random.random()<0.5:
        other["birth"]=rand_date()
    name=list_name(other, random.choice(SCHEMES))
    add(pr,name,other["birth"] if other["birth"]!=pr["birth"] else "",False,"different surname, close spelling")
# negatives: different patronymic stated in the list
for i in range(25):
    pr=person()
    if not pr["p"]:
        pr["p"]=patronymic(random.choice(KZ_FATHERS if pr["kazakh"] else RU_FATHERS), pr["female"], False)
    other=dict(pr)
    fathers=[f for f in (KZ_FATHERS if pr["kazakh"] else RU_FATHERS)]
    for _ in range(10):
        op=patronymic(random.choice(fathers), pr["female"], False)
        if op!=pr["p"] and op[:3]!=pr["p"][:3]: break
    other["p"]=op
    scheme=random.choice(SCHEMES)
    s=scheme[1](other["s"]); g=scheme[1](other["g"]); p=scheme[1](op)
    add(pr,f"{s} {g} {p}","",False,"different patronymic")
# negatives: unrelated people
for i in range(15):
    pr=person(); other=person()
    add(pr,list_name(other, random.choice(SCHEMES)),other["birth"],False,"different person")

random.shuffle(rows)
w=csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["surname","given_name","patronymic","birth_date","citizenship","list_name","list_birth_date","list_countries","same_person","note"])
for r in rows: w.writerow(r)
