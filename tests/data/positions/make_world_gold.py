"""Build ``world_gold.json`` from ``tests/fixtures/world/proposals2.jsonl`` and the annotations below.

Run from the repository root: ``python tests/data/positions/make_world_gold.py``.
The reports in proposals2.jsonl were written for parley's tests (short news-style
reports about real 2025 negotiations, not copied from any outlet). The annotations
were written by hand, reading each report on its own, before the system was run on
it; the script only turns the quoted strings into character offsets. See README.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT / "tests" / "fixtures" / "world" / "proposals2.jsonl"
LICENCE = "written for parley's tests (CC0)"

# acceptable names per actor
US = ["United States", "Donald Trump", "Trump", "White House", "Washington"]
TRUMP = ["Donald Trump", "Trump", "United States"]
ISRAEL = ["Israel", "Benjamin Netanyahu", "Netanyahu", "Government of Israel"]
HAMAS = ["Hamas"]
RUSSIA = ["Russia", "Russian Federation", "Vladimir Putin", "Putin", "Moscow", "Kremlin"]
UKRAINE = ["Ukraine", "Volodymyr Zelensky", "Zelensky", "Kyiv"]
ZELENSKY = ["Volodymyr Zelensky", "Zelensky", "Ukraine"]
IRAN = ["Iran", "Tehran", "Abbas Araghchi", "Araghchi"]
CHINA = ["China", "Beijing", "Xi Jinping", "Xi"]
EU = ["European Union", "EU", "European Commission", "Ursula von der Leyen", "von der Leyen"]
DRC = ["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "DRC", "Congo",
       "Government of the Democratic Republic of the Congo", "Felix Tshisekedi", "Tshisekedi"]
RWANDA = ["Rwanda", "Olivier Nduhungirehe", "Nduhungirehe", "Paul Kagame"]
M23 = ["M23", "March 23 Movement", "Bertrand Bisimwa", "Bisimwa"]
QATAR = ["Qatar"]
INDIA = ["India", "Narendra Modi", "Modi", "New Delhi"]
PAKISTAN = ["Pakistan", "Islamabad", "Shehbaz Sharif"]
THAILAND = ["Thailand", "Anutin Charnvirakul", "Anutin"]
CAMBODIA = ["Cambodia", "Hun Manet"]
ARMENIA = ["Armenia", "Nikol Pashinyan", "Pashinyan"]
AZERBAIJAN = ["Azerbaijan", "Ilham Aliyev", "Aliyev"]
RSF = ["Rapid Support Forces", "RSF"]
SUDAN_ARMY = ["Sudanese Armed Forces", "Sudan's army", "SAF", "Abdel Fattah al-Burhan", "Burhan", "Sudan",
              "Government of Sudan"]
EGYPT = ["Egypt", "Cairo"]


def prop(mention: str, name: str, authors: list[list[str]], provisions: list[str], points: int | None = None,
         published: str | None = None) -> dict[str, Any]:
    return dict(mention=mention, name=name, points=points, authors=authors, provisions=provisions,
                published=published)


def pos(holders: list[list[str]], stance: str, about: str, cue: str) -> dict[str, Any]:
    return dict(holders=holders, stance=stance, about=about, cue=cue)


P, H = "proposals", "positions"
ANNOTATIONS: dict[str, dict[str, list[dict[str, Any]]]] = {
    "gaza-20-point-plan": {
        P: [prop("a 20-point plan", "20-point plan to end the war in Gaza", [TRUMP], [
            "an immediate ceasefire", "the release of all hostages within 72 hours", "the disarmament of Hamas",
            "a phased withdrawal of Israeli forces from the territory",
            "run by a temporary committee of Palestinian technocrats"], points=20, published="2025-09-29")],
        H: [pos([ISRAEL], "support", "the plan", "supported"),
            pos([["Saudi Arabia"], ["Egypt"], ["Jordan"], ["Qatar"], ["Turkey", "Türkiye"]], "support",
                "the initiative", "welcomed"),
            pos([["Saudi Arabia"], ["Egypt"], ["Jordan"], ["Qatar"], ["Turkey", "Türkiye"]], "demand",
                "a credible path to Palestinian statehood", "called for")]},
    "hamas-response": {
        P: [prop("US President Donald Trump's plan for Gaza", "plan for Gaza", [TRUMP], [])],
        H: [pos([HAMAS], "accept", "parts of US President Donald Trump's plan for Gaza", "accepted"),
            pos([HAMAS], "accept", "release all Israeli hostages, living and dead", "agreeing to"),
            pos([HAMAS], "accept",
                "hand over the administration of the enclave to a body of independent Palestinian technocrats",
                "agreeing to"),
            pos([HAMAS], "demand", "other parts of the proposal, including the future of Gaza, should be discussed "
                "within a national Palestinian framework", "said"),
            pos([ISRAEL], "red-line", "the disarmament of Hamas", "non-negotiable"),
            pos([TRUMP], "support", "the response", "welcomed"),
            pos([TRUMP], "demand", "stop the bombing of Gaza immediately", "urged")]},
    "istanbul-memorandum": {
        P: [prop("a memorandum", "memorandum", [RUSSIA], [
            "Kyiv withdraw its troops from the four regions Moscow claims to have annexed", "Ukraine's neutrality",
            "limits on the size of its armed forces", "new elections"], published="2025-06-02"),
            prop("its own roadmap", "roadmap", [UKRAINE], [
                "a full and unconditional ceasefire for at least 30 days", "an exchange of all prisoners",
                "the return of deported children"])],
        H: [pos([RUSSIA], "demand", "Kyiv withdraw its troops from the four regions Moscow claims to have annexed",
                "demanding"),
            pos([ZELENSKY], "reject", "the Russian memorandum", "dismissed"),
            pos([ZELENSKY], "red-line", "recognise the occupied territories as Russian", "would never recognise")]},
    "london-counterproposal": {
        P: [prop("the US peace framework", "US peace framework", [US], []),
            prop("a counter-proposal", "counter-proposal", [UKRAINE, ["United Kingdom", "Britain"], ["France"],
                                                            ["Germany"]], [
                "an unconditional ceasefire on land, in the air and at sea",
                "security guarantees for Ukraine similar to NATO's Article 5",
                "no restrictions on the Ukrainian armed forces",
                "territorial issues would be discussed only after a ceasefire"])],
        H: [pos([UKRAINE], "oppose", "the idea that Crimea could be recognised as Russian", "pushing back on"),
            pos([ZELENSKY], "reject", "legally recognise the occupation of Crimea", "would not")]},
    "iran-red-lines": {
        P: [],
        H: [pos([IRAN], "red-line", "uranium enrichment on Iranian soil", "a red line"),
            pos([IRAN], "red-line", "the dismantling of its nuclear programme", "would never accept"),
            pos([US], "demand", "Iran halt all enrichment", "demanded"),
            pos([IRAN], "reject", "Iran halt all enrichment", "a demand Tehran has rejected"),
            pos([IRAN], "demand", "the lifting of US sanctions", "seeking")]},
    "busan-trade-truce": {
        P: [prop("a one-year truce in their trade war", "one-year truce", [US, CHINA], [
            "cut the tariff it imposed over fentanyl from 20% to 10%",
            "suspend its new export controls on rare earths for a year",
            "resume purchases of American soybeans"])],
        H: []},
    "eu-us-framework": {
        P: [prop("the framework agreement", "framework agreement", [EU, US], [
            "a 15% ceiling on US tariffs for most EU goods, including cars, pharmaceuticals and semiconductors",
            "buy $750 billion of American energy over three years",
            "remove tariffs on all US industrial goods"], published="2025-08-21")],
        H: [pos([["François Bayrou", "Bayrou", "France"]], "oppose", "the deal", "called the deal a submission"),
            pos([["Friedrich Merz", "Merz", "Germany"]], "support", "the agreement", "welcomed"),
            pos([["Maros Sefcovic", "Sefcovic", "European Union", "European Commission"]], "demand",
                "exemptions for wine and spirits", "push for")]},
    "drc-rwanda-washington": {
        P: [prop("a peace agreement", "peace agreement", [DRC, RWANDA, US], [
            "the withdrawal of Rwandan forces from eastern Congo within 90 days",
            "the creation of a joint security coordination mechanism", "the neutralisation of the FDLR militia"],
            published="2025-06-27")],
        H: [pos([RWANDA], "condition", "the neutralisation of the FDLR", "conditional on"),
            pos([DRC], "demand", "Rwanda withdraw all of its troops", "insisted"),
            pos([DRC], "support", "the deal", "called the deal a historic turning point")]},
    "doha-framework-m23": {
        P: [prop("a framework for peace", "Doha framework", [QATAR, DRC, M23], [
            "the exchange of prisoners", "humanitarian access",
            "the restoration of state authority in areas held by the rebels"])],
        H: [pos([DRC], "demand", "the M23 withdraw from Goma and Bukavu", "demands"),
            pos([M23], "reject", "the M23 withdraw from Goma and Bukavu", "a condition the group has rejected"),
            pos([M23], "reject", "disarm before a political settlement", "would not")]},
    "kashmir-mediation": {
        P: [prop("offered to work with India and Pakistan to find a solution to the dispute", "offer of mediation",
                 [TRUMP], ["work with India and Pakistan to find a solution to the dispute"])],
        H: [pos([INDIA], "reject", "any third-party mediation on Kashmir", "rejected"),
            pos([INDIA], "condition", "terrorism and the return of Pakistan-administered Kashmir", "would only talk"),
            pos([PAKISTAN], "support", "Trump's offer of mediation", "welcomed"),
            pos([PAKISTAN], "demand", "a dialogue on all outstanding issues, including Kashmir and the Indus Waters "
                "Treaty", "called for")]},
    "thai-cambodia-accord": {
        P: [prop("a joint declaration", "joint declaration", [THAILAND, CAMBODIA], [
            "withdraw heavy weapons from the border", "clear landmines",
            "allow ASEAN observers to monitor the ceasefire", "release 18 Cambodian soldiers held since July"])],
        H: [pos([THAILAND], "reject", "any foreign interference in the demarcation of the border",
                "would not accept"),
            pos([CAMBODIA], "demand", "a swift implementation of the accord", "called for")]},
    "armenia-azerbaijan-tripp": {
        P: [prop("a joint declaration", "joint declaration", [ARMENIA, AZERBAIJAN, US], [
            "the opening of a transit route through southern Armenia", "the dissolution of the OSCE Minsk Group"]),
            prop("a peace treaty", "peace treaty", [ARMENIA, AZERBAIJAN], [])],
        H: [pos([AZERBAIJAN], "demand",
                "Armenia change its constitution to remove a reference to Nagorno-Karabakh", "insists"),
            pos([ARMENIA], "reject", "any extraterritorial status for the route", "rejected"),
            pos([["Iran"]], "oppose", "any change to the borders of the region", "opposed")]},
    "jeddah-ceasefire": {
        P: [prop("a US proposal for an immediate 30-day ceasefire", "proposal for an immediate 30-day ceasefire", [US], [
            "an immediate 30-day ceasefire", "apply along the entire front line",
            "be extended by mutual agreement"])],
        H: [pos([UKRAINE], "accept", "a US proposal for an immediate 30-day ceasefire with Russia", "accept"),
            pos([US], "accept", "resume military aid and intelligence sharing with Kyiv", "agreed to"),
            pos([RUSSIA], "support", "the idea of a ceasefire", "supported"),
            pos([RUSSIA], "demand", "Ukraine must not use a pause to rearm", "insisted"),
            pos([RUSSIA], "demand", "a halt to Western arms deliveries", "demanded")]},
    "sudan-quad-truce": {
        P: [prop("a proposal from the United States, Saudi Arabia, Egypt and the United Arab Emirates", "Quad plan",
                 [US, ["Saudi Arabia"], EGYPT, ["United Arab Emirates", "UAE"]], [
                "a three-month humanitarian truce followed by a nine-month transition to a civilian government",
                "the opening of aid corridors to the besieged city of El Fasher"])],
        H: [pos([RSF], "accept", "a proposal from the United States, Saudi Arabia, Egypt and the United Arab Emirates "
                "for a humanitarian truce", "accepted"),
            pos([SUDAN_ARMY], "reject", "the plan", "rejected"),
            pos([SUDAN_ARMY], "reject", "any truce while the RSF occupies cities", "would not accept"),
            pos([SUDAN_ARMY], "demand", "the RSF withdraw from civilian areas first", "demanded")]},
    "egypt-gaza-reconstruction": {
        P: [prop("an Egyptian plan for the reconstruction of Gaza", "plan for the reconstruction of Gaza", [EGYPT], [
            "an interim administration of independent technocrats", "the return of the Palestinian Authority",
            "the rebuilding of housing without displacing Gaza's population"]),
            prop("President Donald Trump's proposal to take over the territory", "proposal to take over the territory",
                 [TRUMP], ["take over the territory"])],
        H: [pos([["Arab League", "Arab leaders"]], "accept", "an Egyptian plan for the reconstruction of Gaza",
                "adopted"),
            pos([ISRAEL], "reject", "the plan", "rejected"),
            pos([US], "support", "his vision of rebuilding Gaza free from Hamas", "stood by")]},
}


def offsets(text: str, s: str, what: str) -> tuple[int, int]:
    i = text.find(s)
    if i < 0:
        sys.exit(f"not in text ({what}): {s!r}")
    return i, i + len(s)


def build() -> dict[str, Any]:
    out = []
    for line in SOURCE.read_text("utf-8").splitlines():
        art = json.loads(line)
        ann = ANNOTATIONS[art["id"]]
        text = art["text"]
        item: dict[str, Any] = {"id": art["id"], "source": f"tests/fixtures/world/proposals2.jsonl#{art['id']}",
                                "licence": LICENCE, "published": art["published"], "text": text, P: [], H: []}
        for p in ann[P]:
            s, e = offsets(text, p["mention"], art["id"])
            provs = [dict(zip(("text", "start", "end"), (x, *offsets(text, x, art["id"])), strict=True))
                     for x in p["provisions"]]
            item[P].append({"name": p["name"], "points": p["points"], "authors": p["authors"], "provisions": provs,
                            "published": p["published"], "start": s, "end": e})
        for q in ann[H]:
            s, e = offsets(text, q["about"], art["id"])
            cs, ce = offsets(text, q["cue"], art["id"])
            item[H].append({"holders": q["holders"], "stance": q["stance"], "about": q["about"], "start": s, "end": e,
                            "cue": q["cue"], "cue_start": cs, "cue_end": ce})
        out.append(item)
    return {"format": "parley positions gold v1 (see README.md)", "items": out}


if __name__ == "__main__":
    dest = Path(__file__).with_name("world_gold.json")
    dest.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {dest}")
