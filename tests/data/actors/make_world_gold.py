"""Builds world_gold.json, actors2_gold.json, world2_gold.json and actors3_gold.json from the hand-written
specs below: per document, the mentions in text order as (surface, actor); the surface is found (whole word)
after the previous mention; "a+b" gives one gold mention per member of a pair reference; actor None skips an
occurrence that is not a mention (e.g. a locative use); a leading "^" marks a mention nested in the previous
one. Run from the repository root: python tests/data/actors/make_world_gold.py"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

def build(jsonl, specs, about):
    arts = {json.loads(line)["id"]: json.loads(line) for line in open(jsonl, encoding="utf-8")}
    docs = []
    for aid, spec in specs.items():
        text = arts[aid]["text"]
        pos, prev_start, ments = 0, 0, []
        for surf, actor in spec:
            if surf.startswith("^"):  # nested in the previous mention
                surf, pos = surf[1:], prev_start + 1
            m = re.compile(r"(?<![\w-])" + re.escape(surf) + r"(?![\w])").search(text, pos)
            i = m.start() if m else -1
            if i < 0:
                sys.exit(f"{aid}: {surf!r} not found after {pos}: {text[pos:pos+60]!r}")
            if actor is None:  # skip this occurrence (not a mention)
                pos = i + len(surf)
                continue
            for a in actor.split("+"):
                ments.append({"start": i, "end": i + len(surf), "text": surf, "actor": a})
            pos, prev_start = i + len(surf), i
        docs.append({"id": aid, "published": arts[aid]["published"], "text": text, "mentions": ments})
    return {"about": about, "documents": docs}

W = {
"gaza-sharm": [("Israel","israel"),("Hamas","hamas"),("mediators","?mediators"),("US","united-states"),
  ("Donald Trump","donald-trump"),("Israel","israel"),("Qatar","qatar"),("Mohammed bin Abdulrahman Al Thani","mohammed-bin-abdulrahman-al-thani"),
  ("Israeli","israel"),("Benjamin Netanyahu","benjamin-netanyahu"),("he","benjamin-netanyahu"),("his","benjamin-netanyahu"),
  ("Netanyahu","benjamin-netanyahu"),("Hamas","hamas"),("the mediators","?mediators"),("Egypt","egypt"),("Qatar","qatar"),("Turkey","turkey"),
  ("Gaza","?gaza"),("The group","hamas"),("Israeli government","israel"),("Steve Witkoff","steve-witkoff"),("Jared Kushner","jared-kushner"),
  ("Trump","donald-trump"),("he","donald-trump")],
"drc-rwanda": [("Democratic Republic of Congo","democratic-republic-of-the-congo"),("Rwanda","rwanda"),
  ("Congo",None),("Congo","democratic-republic-of-the-congo"),("Thérèse Kayikwamba Wagner","therese-kayikwamba-wagner"),("Rwanda","rwanda"),
  ("Olivier Nduhungirehe","olivier-nduhungirehe"),("State Department","us-department-of-state"),("Marco Rubio","marco-rubio"),
  ("Rwanda","rwanda"),("Congo","democratic-republic-of-the-congo"),("M23 rebels","m23"),("Goma","?goma"),("Bukavu","?bukavu"),("Kayikwamba Wagner","therese-kayikwamba-wagner"),
  ("Nduhungirehe","olivier-nduhungirehe"),("Rwanda","rwanda"),("FDLR","fdlr"),("Félix Tshisekedi","felix-tshisekedi"),
  ("Paul Kagame","paul-kagame"),("White House","united-states")],
"thai-cambodia": [("Thailand","thailand"),("Cambodia","cambodia"),("Malaysian","malaysia"),("Anwar Ibrahim","anwar-ibrahim"),
  ("Cambodian","cambodia"),("Hun Manet","hun-manet"),("Thailand","thailand"),("Phumtham Wechayachai","phumtham-wechayachai"),
  ("Anwar","anwar-ibrahim"),("United States","united-states"),("China","china"),("Anwar","anwar-ibrahim"),("Hun Manet","hun-manet"),
  ("Phumtham","phumtham-wechayachai"),("Thailand","thailand"),("Cambodia","cambodia"),("both countries","thailand+cambodia"),
  ("General Border Committee","?gbc")],
"us-china-geneva": [("United States","united-states"),("China","china"),("both sides","united-states+china"),("US","united-states"),
  ("Scott Bessent","scott-bessent"),("Chinese","china"),("He Lifeng","he-lifeng"),("Swiss","switzerland"),("United Nations","united-nations"),
  ("US","united-states"),("China","china"),("US","united-states"),("Bessent","scott-bessent"),("US","united-states"),
  ("Jamieson Greer","jamieson-greer"),("the two countries","united-states+china"),("China","china"),("commerce ministry","?mofcom"),
  ("officials familiar with the matter","?officials")],
"india-pakistan": [("India","india"),("Pakistan","pakistan"),("the two countries","india+pakistan"),("India","india"),
  ("Vikram Misri","vikram-misri"),("Pakistan","pakistan"),("Ishaq Dar","ishaq-dar"),("Pakistan","pakistan"),("he","ishaq-dar"),
  ("US","united-states"),("Marco Rubio","marco-rubio"),("he","marco-rubio"),("JD Vance","jd-vance"),("Narendra Modi","narendra-modi"),
  ("Shehbaz Sharif","shehbaz-sharif"),("India","india"),("New Delhi","india")],
}
A2 = {
"sudan-truce": [("Sudan","sudan"),("Abdel Fattah al-Burhan","abdel-fattah-al-burhan"),("United States","united-states"),("Saudi Arabia","saudi-arabia"),
  ("Egypt","egypt"),("United Arab Emirates","united-arab-emirates"),("Burhan","abdel-fattah-al-burhan"),("the mediators","?mediators"),
  ("Rapid Support Forces","rapid-support-forces"),("El Fasher","?el-fasher"),("RSF","rapid-support-forces"),("Mohamed Hamdan Dagalo","mohamed-hamdan-dagalo"),
  ("Hemedti","mohamed-hamdan-dagalo"),("Dagalo","mohamed-hamdan-dagalo"),("Massad Boulos","massad-boulos"),("US","united-states"),
  ("Washington","united-states"),("both sides","sudan+rapid-support-forces"),("army-backed government","sudan"),("paramilitaries","rapid-support-forces"),
  ("UN","united-nations"),("Antonio Guterres","antonio-guterres")],
"gaza-cairo": [("Egypt","egypt"),("Badr Abdelatty","badr-abdelatty"),("Israel","israel"),("Hamas","hamas"),("US","united-states"),
  ("Donald Trump","donald-trump"),("Hamas delegation","hamas"),("Khalil al-Hayya","khalil-al-hayya"),("the group","hamas"),("Israeli",None),
  ("Israeli","israel"),("Benjamin Netanyahu","benjamin-netanyahu"),("he","benjamin-netanyahu"),("his","benjamin-netanyahu"),("Ron Dermer","ron-dermer"),
  ("Abdelatty","badr-abdelatty"),("the Egyptian minister","badr-abdelatty"),("^Egyptian","egypt"),("Qatari","qatar"),("Mohammed bin Abdulrahman Al Thani","mohammed-bin-abdulrahman-al-thani"),
  ("Turkish","turkey"),("Ibrahim Kalin","ibrahim-kalin")],
"syria-white-house": [("Syrian","syria"),("Ahmed al-Sharaa","ahmed-al-sharaa"),("US","united-states"),("Donald Trump","donald-trump"),("Syrian","syria"),
  ("Al-Sharaa","ahmed-al-sharaa"),("Bashar al-Assad","bashar-al-assad"),("Asaad al-Shaibani","asaad-al-shaibani"),("Syria","syria"),("US","united-states"),
  ("Islamic State","islamic-state"),("officials","?officials"),("US Treasury","us-treasury"),("Syria","syria"),("Trump","donald-trump"),
  ("Tom Barrack","tom-barrack"),("US","united-states"),("Syria","syria"),("Damascus","syria"),("Washington","united-states"),("Israel","israel"),("Shaibani","asaad-al-shaibani"),
  ("Marco Rubio","marco-rubio"),("Turkish","turkey"),("Hakan Fidan","hakan-fidan")],
"venezuela-us": [("United States","united-states"),("Cartel de los Soles","?cartel"),("Washington","united-states"),("Venezuelan","venezuela"),
  ("Nicolas Maduro","nicolas-maduro"),("Caracas","venezuela"),("US","united-states"),("Marco Rubio","marco-rubio"),("the group","?cartel"),("Venezuela","venezuela"),("Pete Hegseth","pete-hegseth"),
  ("Venezuela","venezuela"),("Yvan Gil","yvan-gil"),("Maduro","nicolas-maduro"),("Venezuela","venezuela"),("Colombian","colombia"),
  ("Gustavo Petro","gustavo-petro"),("US","united-states"),("Cartel de los Soles","?cartel"),("The two countries","united-states+venezuela")],
"ecowas-summit": [("Sierra Leone","sierra-leone"),("Julius Maada Bio","julius-maada-bio"),("Economic Community of West African States","ecowas"),
  ("ECOWAS","ecowas"),("Nigeria","nigeria"),("Bola Tinubu","bola-tinubu"),("Mali","mali"),("Burkina Faso","burkina-faso"),("Niger","niger"),
  ("Alliance of Sahel States","alliance-of-sahel-states"),("Bio","julius-maada-bio"),("he","julius-maada-bio"),("he","julius-maada-bio"),
  ("ECOWAS Commission","ecowas"),("Omar Alieu Touray","omar-alieu-touray"),("Sahel alliance","alliance-of-sahel-states"),
  ("African Union Commission","african-union-commission"),("Mahmoud Ali Youssouf","mahmoud-ali-youssouf")],
"ukraine-istanbul-june": [("Russian","russia"),("Ukrainian","ukraine"),("Ukrainian delegation","ukraine"),("Rustem Umerov","rustem-umerov"),
  ("Russian side","russia"),("Kyiv","ukraine"),("Umerov","rustem-umerov"),("Ukraine","ukraine"),("the two presidents","volodymyr-zelensky+vladimir-putin"),
  ("Russian delegation","russia"),("Kremlin","russia"),("Vladimir Medinsky","vladimir-medinsky"),("Moscow","russia"),("Turkish","turkey"),
  ("Hakan Fidan","hakan-fidan"),("Kremlin","russia"),("Dmitry Peskov","dmitry-peskov"),("Vladimir Putin","vladimir-putin"),
  ("Volodymyr Zelensky","volodymyr-zelensky")],
"drc-m23-doha": [("Democratic Republic of Congo","democratic-republic-of-the-congo"),("Congo River Alliance","alliance-fleuve-congo"),("AFC/M23","m23"),
  ("Congolese","democratic-republic-of-the-congo"),("Qatar","qatar"),("Mohammed Al-Khulaifi","mohammed-al-khulaifi"),("Massad Boulos","massad-boulos"),
  ("Donald Trump","donald-trump"),("Al-Khulaifi","mohammed-al-khulaifi"),("he","mohammed-al-khulaifi"),("The rebels","m23"),
  ("Goma","?goma"),("Bukavu","?bukavu"),("Kinshasa","democratic-republic-of-the-congo"),("Rwanda","rwanda"),("the group","m23"),
  ("Kigali","rwanda"),("Felix Tshisekedi","felix-tshisekedi"),("the rebels","m23")],
"thai-cambodia-kl": [("Thai","thailand"),("Anutin Charnvirakul","anutin-charnvirakul"),("his","anutin-charnvirakul"),("Cambodian counterpart","hun-manet"),
  ("Hun Manet","hun-manet"),("US","united-states"),("Donald Trump","donald-trump"),("Malaysian","malaysia"),("Anwar Ibrahim","anwar-ibrahim"),
  ("ASEAN","asean"),("The two neighbours","thailand+cambodia"),("Thailand","thailand"),("Anutin","anutin-charnvirakul"),("Hun Manet","hun-manet"),
  ("Trump","donald-trump"),("United States","united-states"),("both countries","thailand+cambodia"),("Anwar","anwar-ibrahim"),("ASEAN","asean")],
}
ABOUT = ("Hand-made gold (helper, written before tuning the linker on these texts). Scope as seed_gold.json: named mentions, "
         "metonyms, demonyms before group nouns and titles, he/she/his pronouns, definite role descriptions; plus generic groups "
         "('mediators', 'officials ...') as one unknown actor, 'the group' = the last named armed group, and pair references "
         "('the two countries', 'both sides') as one gold mention per member. Places that are targets/objects (not after a locative "
         "preposition) are place actors; platforms and media (X, Truth Social, Telegram, state television) are not actors; "
         "mentions inside quotations are not counted.")
out = ROOT / "tests" / "data" / "actors"
json.dump(build(str(ROOT) + "/tests/fixtures/world/articles.jsonl", W, ABOUT), open(out / "world_gold.json", "w"), ensure_ascii=False, indent=1)
json.dump(build(str(ROOT) + "/tests/fixtures/world/actors2.jsonl", A2, ABOUT), open(out / "actors2_gold.json", "w"), ensure_ascii=False, indent=1)
print("ok")

A3 = {
"armenia-azerbaijan": [("Armenian","armenia"),("Nikol Pashinyan","nikol-pashinyan"),("Azerbaijani","azerbaijan"),("Ilham Aliyev","ilham-aliyev"),
  ("US","united-states"),("Donald Trump","donald-trump"),("the two leaders","nikol-pashinyan+ilham-aliyev"),("United States","united-states"),
  ("Armenia",None),("Armenia","armenia"),("Azerbaijan","azerbaijan"),("Ararat Mirzoyan","ararat-mirzoyan"),("Jeyhun Bayramov","jeyhun-bayramov"),
  ("Pashinyan","nikol-pashinyan"),("Aliyev","ilham-aliyev"),("Azerbaijan","azerbaijan"),("Armenia","armenia")],
"russia-ukraine-istanbul": [("Russian","russia"),("Ukrainian","ukraine"),("Russian delegation","russia"),("Vladimir Medinsky","vladimir-medinsky"),
  ("Turkish","turkey"),("Hakan Fidan","hakan-fidan"),("The two sides","russia+ukraine"),("Medinsky","vladimir-medinsky"),
  ("Ukrainian","ukraine"),("Volodymyr Zelensky","volodymyr-zelensky"),("Moscow","russia"),("Russia","russia"),("Kyiv","ukraine")],
"iran-us-muscat": [("Iranian","iran"),("Abbas Araghchi","abbas-araghchi"),("US","united-states"),("Steve Witkoff","steve-witkoff"),
  ("Omani","oman"),("Badr Albusaidi","badr-albusaidi"),("The two men","abbas-araghchi+steve-witkoff"),("Iran","iran"),
  ("Both sides","iran+united-states"),("Araghchi","abbas-araghchi"),("White House","united-states"),("Trump","donald-trump"),("Iran","iran")],
"trump-putin-anchorage": [("US","united-states"),("Donald Trump","donald-trump"),("Russian","russia"),("Vladimir Putin","vladimir-putin"),
  ("Trump","donald-trump"),("Putin","vladimir-putin"),("the two leaders","donald-trump+vladimir-putin"),("Trump","donald-trump"),
  ("Putin","vladimir-putin"),("Trump","donald-trump"),("Trump","donald-trump"),("he","donald-trump"),("Ukrainian","ukraine"),
  ("Volodymyr Zelensky","volodymyr-zelensky"),("NATO","nato"),("Zelensky","volodymyr-zelensky")],
"eu-us-turnberry": [("European Commission","european-commission"),("Ursula von der Leyen","ursula-von-der-leyen"),("US","united-states"),
  ("Donald Trump","donald-trump"),("Trump","donald-trump"),("United States","united-states"),("European Union","european-union"),
  ("EU","european-union"),("The two leaders","ursula-von-der-leyen+donald-trump"),("French","france"),("François Bayrou","francois-bayrou"),
  ("German","germany"),("Friedrich Merz","friedrich-merz")],
"sudan-quad": [("United States","united-states"),("Saudi Arabia","saudi-arabia"),("United Arab Emirates","united-arab-emirates"),("Egypt","egypt"),
  ("the four countries","united-states+saudi-arabia+united-arab-emirates+egypt"),("Quad","?quad"),("Sudan","sudan"),
  ("Rapid Support Forces","rapid-support-forces"),("RSF","rapid-support-forces")],
}
json.dump(build(str(ROOT) + "/tests/fixtures/world/articles2.jsonl", A3, ABOUT.replace("written before tuning the linker on these texts", "written after tuning on world_gold/actors2_gold, before looking at the linker's errors on these texts")), open(out / "world2_gold.json", "w"), ensure_ascii=False, indent=1)

A4 = {
"pak-afghan-doha": [("Pakistan","pakistan"),("Afghanistan","afghanistan"),("Qatar","qatar"),("Turkey","turkey"),("Pakistan","pakistan"),
  ("Khawaja Asif","khawaja-asif"),("Taliban","taliban"),("Mohammad Yaqoob","?yaqoob"),("the two delegations",None),("Qatar","qatar"),
  ("foreign ministry","?qatar-mfa"),("Asif","khawaja-asif"),("the two neighbours","pakistan+afghanistan"),("he","khawaja-asif"),
  ("Taliban","taliban"),("Zabihullah Mujahid","?mujahid"),("Islamic Emirate","afghanistan"),("Islamabad","pakistan"),("Kabul","afghanistan"),
  ("Pakistani Taliban","ttp"),("Taliban","taliban")],
"lebanon-hezbollah": [("Lebanon","lebanon"),("Hezbollah","hezbollah"),("Joseph Aoun","joseph-aoun"),("Nawaf Salam","nawaf-salam"),
  ("US","united-states"),("Tom Barrack","tom-barrack"),("Hezbollah","hezbollah"),("Naim Qassem","naim-qassem"),("Israel","israel"),
  ("Lebanon","lebanon"),("Qassem","naim-qassem"),("Barrack","tom-barrack"),("Beirut","lebanon"),("Israel","israel")],
"korea-china-gyeongju": [("South Korean","south-korea"),("Lee Jae-myung","lee-jae-myung"),("Chinese","china"),("Xi Jinping","xi-jinping"),
  ("Asia-Pacific Economic Cooperation","?apec"),("Lee","lee-jae-myung"),("Xi","xi-jinping"),("North Korea","north-korea"),("his","lee-jae-myung"),
  ("Xi","xi-jinping"),("Beijing","china"),("Seoul","south-korea"),("The two leaders","lee-jae-myung+xi-jinping"),("North Korea","north-korea"),
  ("Kim Jong Un","kim-jong-un"),("Seoul","south-korea")],
"yemen-houthis": [("Oman","oman"),("United States","united-states"),("Yemen's Houthis","houthis"),("Omani","oman"),("Badr Albusaidi","badr-albusaidi"),
  ("Donald Trump","donald-trump"),("Houthis","houthis"),("US","united-states"),("the group","houthis"),("Houthi","houthis"),
  ("Mohammed Abdulsalam","mohammed-abdulsalam"),("Israel","israel"),("The group","houthis"),("Israel","israel"),("UN","united-nations"),
  ("Hans Grundberg","hans-grundberg")],
}
json.dump(build(str(ROOT) + "/tests/fixtures/world/actors3.jsonl", A4, ABOUT.replace("written before tuning the linker on these texts", "held out: written after all tuning, measured once")), open(out / "actors3_gold.json", "w"), ensure_ascii=False, indent=1)
