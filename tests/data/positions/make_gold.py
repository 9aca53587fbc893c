"""Build ``gold.json`` (the positions gold set) from the shared corpora and the annotations below.

Run from the repository root: ``python tests/data/positions/make_gold.py`` (reads ../shared/data).
The annotations were written by hand by reading each paragraph, before the
system was run on it; the script only copies the paragraph text from its
source and turns the quoted strings into character offsets. See README.md.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"
LICENCES = {
    "PolNeAR": "PolNeAR (Newell, Margolin, Ruths 2018): no licence file; research use",
    "ECB+": "ECB+ 1.0 (Cybulska and Vossen 2014), CC BY 3.0",
    "MEANTIME": "MEANTIME (NewsReader, FBK/VU/UPV-EHU 2015), CC BY 4.0",
}


def polnear(name: str, lines: list[int]) -> str:
    for split in ("train", "dev"):
        path = DATA / "polnear" / split / "text" / f"{name}.txt"
        if path.exists():
            text = path.read_text("utf-8").splitlines()
            return "\n".join(text[i - 1].strip() for i in lines)
    raise FileNotFoundError(name)


def detok(tokens: list[str]) -> str:
    s = " ".join(tokens).replace("`` ", '"').replace(" ''", '"').replace(' , " ', ',” ')
    s = re.sub(r" ([,.;:!?%)'])", r"\1", s).replace("( ", "(")
    s = s.replace(" 's", "'s").replace("Rep .", "Rep.").replace("W . Va .", "W.Va.").replace("D - ", "D-")
    return s.replace(',"', ',"')


def cat(path: str, sents: list[int]) -> str:
    root = ET.parse(DATA / path).getroot()
    by: dict[int, list[str]] = {}
    for t in root.iter("token"):
        by.setdefault(int(t.get("sentence") or 0), []).append(t.text or "")
    return " ".join(detok(by[k]) for k in sents)


P, H = "proposals", "positions"
# Each item: corpus, file, where (lines or sentences), published, annotations.
# holders/authors: one list of acceptable names per actor (any of them may match).
ITEMS: list[dict] = [
    dict(id="gitmo-plan", corpus="PolNeAR", file="politico_2016-02-23_obama-s-gitmo-plan-leaves-everyo", where=[3, 5],
         published="2016-02-23",
         proposals=[dict(mention="President Barack Obama’s latest plan to close Guantanamo Bay", name="plan to close Guantanamo Bay",
                         points=None, authors=[["Barack Obama", "United States", "White House"]],
                         provisions=["close Guantanamo Bay",
                                     "move people who may need to be detained indefinitely into the United States"])],
         positions=[dict(holders=[["Republicans", "Republican Party"]], stance="oppose",
                         about="the lack of details about where the U.S. might move these detainees", cue="decried"),
                    dict(holders=[["Congress", "United States Congress"]], stance="demand", about="specifics",
                         cue="Congress’s demand for specifics")]),
    dict(id="gitmo-harman", corpus="PolNeAR", file="politico_2016-02-23_obama-s-gitmo-plan-leaves-everyo", where=[9],
         published="2016-02-23",
         proposals=[dict(mention="a plan to periodically review how dangerous detainees are", name="plan to periodically review detainees",
                         points=None, authors=[["Jane Harman", "Harman"], ["Jack Goldsmith"]],
                         provisions=["periodically review how dangerous detainees are"])],
         positions=[dict(holders=[["Jane Harman", "Harman"]], stance="demand",
                         about="not to close the prison until there was a way to house detainees who can’t be tried under any circumstances",
                         cue="urged"),
                    dict(holders=[["Barack Obama", "Obama", "United States"]], stance="accept", about="that approach",
                         cue="adopted")]),
    dict(id="gitmo-support", corpus="PolNeAR", file="politico_2016-02-23_obama-s-gitmo-plan-leaves-everyo", where=[41],
         published="2016-02-23", proposals=[],
         positions=[dict(holders=[["Hillary Clinton", "Clinton"]], stance="support", about="the plan", cue="her support"),
                    dict(holders=[["Bernie Sanders", "Sanders"]], stance="support", about="the plan", cue="encouraged"),
                    dict(holders=[["Bernie Sanders", "Sanders"]], stance="reject",
                         about="the president’s request to close the prison", cue="reject")]),
    dict(id="iran-bill", corpus="PolNeAR", file="wash-post_2016-07-16_new-iran-sanctions-bill-lacks-bi", where=[5, 7],
         published="2016-07-16",
         proposals=[dict(mention="a new bill to impose sanctions on Iran", name="bill to impose sanctions on Iran", points=None,
                         authors=[["Bob Corker", "Corker"]], provisions=["impose sanctions on Iran"])],
         positions=[dict(holders=[["Republicans", "Republican Party"]], stance="oppose",
                         about="last year's nuclear deal with Iran", cue="warn"),
                    dict(holders=[["Democrats", "Democratic Party"]], stance="oppose", about="the Iran deal", cue="opposed"),
                    dict(holders=[["Democrats", "Democratic Party"]], stance="support", about="the measure", cue="backing")]),
    dict(id="iran-bill-provisions", corpus="PolNeAR", file="wash-post_2016-07-16_new-iran-sanctions-bill-lacks-bi", where=[9],
         published="2016-07-16",
         proposals=[dict(mention="The legislation", name="Iran sanctions legislation", points=None, authors=[],
                         provisions=["step up mandatory sanctions against individuals and entities involved with Iran's ballistic missile program",
                                     "renew through 2026 the expiring Iran Sanctions Act",
                                     "prohibit Iran's financial institutions from engaging in dollar-based financial transactions with banks in third-party countries"])],
         positions=[]),
    dict(id="iran-bill-waiver", corpus="PolNeAR", file="wash-post_2016-07-16_new-iran-sanctions-bill-lacks-bi", where=[13],
         published="2016-07-16",
         proposals=[dict(mention="The chairman's bill", name="chairman's bill", points=None, authors=[["Bob Corker", "Corker"]],
                         provisions=["prohibit the president from waiving any sanctions to enter into new agreements with Tehran"])],
         positions=[]),
    dict(id="iran-bill-rejected", corpus="PolNeAR", file="wash-post_2016-07-16_new-iran-sanctions-bill-lacks-bi", where=[29],
         published="2016-07-16", proposals=[],
         positions=[dict(holders=[["Republicans", "Republican Party"]], stance="reject",
                         about="his attempts to include language to strengthen enforcement of the nuclear agreement", cue="rejected")]),
    dict(id="iran-deal-nominees", corpus="PolNeAR", file="wash-post_2016-07-16_new-iran-sanctions-bill-lacks-bi", where=[47],
         published="2016-07-16", proposals=[],
         positions=[dict(holders=[["Hillary Clinton", "Clinton"]], stance="support", about="the deal", cue="backed"),
                    dict(holders=[["Donald Trump", "Trump"]], stance="oppose", about="the deal", cue="threatened to tear it up")]),
    dict(id="syria-no-fly", corpus="PolNeAR", file="nyt_2016-09-06_u-s-presses-for-truce-in-syria-d", where=[32],
         published="2016-09-06",
         proposals=[dict(mention="the plan", name="partial no-fly zone over Syria", points=None,
                         authors=[["Hillary Clinton", "Clinton", "Mrs. Clinton"]],
                         provisions=["enforcing a partial no-fly zone over Syria to create safe zones for civilians in places like Aleppo"])],
         positions=[]),
    dict(id="jerusalem-red-line", corpus="PolNeAR", file="wash-post_2016-03-18_rabbis-vow-to-boycott-trump-spee", where=[45],
         published="2016-03-18", proposals=[],
         positions=[dict(holders=[["Donald Trump", "Trump"]], stance="reject",
                         about="an undivided Jerusalem as the capital of Israel", cue="refused to back"),
                    dict(holders=[["GOP", "Republican Party", "Republicans", "Israel supporters"]], stance="red-line",
                         about="an undivided Jerusalem as the capital of Israel", cue="a red line")]),
    dict(id="svp-counterproposal", corpus="PolNeAR", file="huff-post_2016-03-21_the-rise-of-switzerland-s-trump", where=[29],
         published="2016-03-21",
         proposals=[dict(mention="legislative changes proposed by the government concerning naturalization",
                         name="legislative changes concerning naturalization", points=None,
                         authors=[["Government of Switzerland", "Switzerland", "government"]], provisions=[]),
                    dict(mention="The SVP counterproposal", name="SVP counterproposal", points=None,
                         authors=[["SVP", "Swiss People's Party"]],
                         provisions=["municipal organizations and even the citizenry directly should decide who gets naturalized"])],
         positions=[dict(holders=[["SVP", "Swiss People's Party"]], stance="oppose",
                         about="legislative changes proposed by the government concerning naturalization", cue="against")]),
    dict(id="svp-initiatives", corpus="PolNeAR", file="huff-post_2016-03-21_the-rise-of-switzerland-s-trump", where=[65],
         published="2016-03-21",
         proposals=[dict(mention="The SVP’s “Ban on Face Coverings” initiative", name="Ban on Face Coverings initiative", points=None,
                         authors=[["SVP", "Swiss People's Party"]], provisions=["outlaw face coverings"]),
                    dict(mention="the so called “Self-Determination Initiative”", name="Self-Determination Initiative", points=None,
                         authors=[["SVP", "Swiss People's Party"]],
                         provisions=["mandate the immediate implementation of successful popular referenda, irrespective of government opposition",
                                     "enshrine constitutional supremacy, with domestic trumping international law"])],
         positions=[]),
    dict(id="california-wage", corpus="PolNeAR", file="wash-post_2016-03-29_calif-may-raise-minimum-wage-to-", where=[5, 7],
         published="2016-03-29",
         proposals=[dict(mention="California's plan to raise its minimum wage to $15 an hour by 2022", name="California minimum wage plan",
                         points=None, authors=[["California", "Jerry Brown"]],
                         provisions=["raise its minimum wage to $15 an hour by 2022",
                                     "California's minimum wage, now $10 an hour, would climb gradually over six years"])],
         positions=[]),
    dict(id="california-safety-valve", corpus="PolNeAR", file="wash-post_2016-03-29_calif-may-raise-minimum-wage-to-", where=[43],
         published="2016-03-29",
         proposals=[dict(mention="California's plan", name="California minimum wage plan", points=None, authors=[["California"]],
                         provisions=["give the governor the power to delay an increase if state job growth turns negative for a period of months or if retail sales fall over the course of a year"])],
         positions=[]),
    dict(id="clinton-tax-plan", corpus="PolNeAR", file="nyt_2016-09-16_clinton-plan-for-taxes-is-expans", where=[29],
         published="2016-09-16",
         proposals=[dict(mention="Mrs. Clinton's plan", name="Clinton tax plan", points=None, authors=[["Hillary Clinton", "Clinton"]],
                         provisions=["impose a 4 percent surcharge on top of the normal tax system",
                                     "install a 30 percent effective tax rate",
                                     "cap the tax value of deductions and exemptions at 28 percent",
                                     "raise the estate tax"])],
         positions=[]),
    dict(id="somalia-draft-resolution", corpus="ECB+", file="ecbplus/12/12_4ecb.xml", where=[20], published=None,
         proposals=[dict(mention="a draft Security Council resolution", name="draft Security Council resolution", points=None,
                         authors=[["Condoleezza Rice", "United States"]],
                         provisions=["authorize \"all necessary measures\" against piracy from Somalia"])],
         positions=[]),
    dict(id="somalia-hot-pursuit", corpus="ECB+", file="ecbplus/12/12_8ecb.xml", where=[29], published=None,
         proposals=[dict(mention="a proposal in the U.N. Security Council", name="hot pursuit proposal", points=None,
                         authors=[["United States"]],
                         provisions=["allow military forces to enter Somali territory in \"hot pursuit\" of pirates"])],
         positions=[]),
    dict(id="greece-austerity", corpus="ECB+", file="ecbplus/8/8_3ecbplus.xml", where=[5], published=None,
         proposals=[],
         positions=[dict(holders=[["International Monetary Fund", "IMF"], ["European nations", "European Union"]], stance="demand",
                         about="new taxes and government spending cuts", cue="demanded")]),
    dict(id="endangered-species", corpus="ECB+", file="ecbplus/9/9_10ecbplus.xml", where=[15, 16, 17], published=None,
         proposals=[dict(mention="the president's proposal to restore the protections for endangered species",
                         name="proposal to restore protections for endangered species", points=None,
                         authors=[["Barack Obama", "United States", "president"]],
                         provisions=["restore the protections for endangered species that the Bush administration spent so many years trying to undermine"]),
                    dict(mention="a congressional resolution", name="congressional resolution", points=None,
                         authors=[["Nick Rahall", "Rahall"]], provisions=["overturn the rule"])],
         positions=[dict(holders=[["Democrats", "Democratic Party", "Congress"]], stance="support", about="the president's decision",
                         cue="applauded"),
                    dict(holders=[["Nick Rahall", "Rahall"]], stance="support",
                         about="the president's proposal to restore the protections for endangered species", cue="support"),
                    dict(holders=[["Nick Rahall", "Rahall"]], stance="demand", about="overturn the rule", cue="pushing")]),
    dict(id="tanker-lease", corpus="MEANTIME",
         file="meantime/corpus_airbus/1173_Internal_emails_expose_Boeing-Air_Force_contract_discussions.xml",
         where=[3, 4, 5], published="2004-11-24",
         proposals=[dict(mention="the now-cancelled deal to lease 100 mid-air tanker aircraft from Boeing",
                         name="deal to lease 100 mid-air tanker aircraft", points=None, authors=[],
                         provisions=["lease 100 mid-air tanker aircraft from Boeing"])],
         positions=[dict(holders=[["John McCain", "McCain"]], stance="oppose",
                         about="the now-cancelled deal to lease 100 mid-air tanker aircraft from Boeing", cue="against"),
                    dict(holders=[["Congress", "Congressional lawmakers", "United States Congress"]], stance="reject",
                         about="the proposal", cue="rejected")]),
]


# Held-out paragraphs: annotated after the rules above were written and never used to change them.
HELDOUT: list[dict] = [
    dict(id="tpp-clinton", corpus="PolNeAR", file="breitbart_2016-09-30_the-latest-trump-urges-supporter", where=[51],
         published="2016-09-30", proposals=[],
         positions=[dict(holders=[["Hillary Clinton", "Clinton"]], stance="oppose", about="the deal", cue="opposes")]),
    dict(id="eu-defence-proposal", corpus="PolNeAR", file="wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea", where=[27],
         published="2016-09-18",
         proposals=[dict(mention="a proposal for increased cooperation", name="proposal for increased cooperation", points=None,
                         authors=[["France"], ["Germany"]],
                         provisions=["create a permanent headquarters to run E.U. military operations"])],
         positions=[]),
    dict(id="eu-drones", corpus="PolNeAR", file="wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea", where=[31],
         published="2016-09-18",
         proposals=[dict(mention="jointly owned drones and other commonly held equipment", name="jointly owned drones", points=None,
                         authors=[["European Union", "E.U. leaders", "EU"]],
                         provisions=["jointly owned drones and other commonly held equipment"])],
         positions=[]),
    dict(id="tpp-candidates", corpus="PolNeAR", file="wash-post_2016-10-05_international-monetary-fund-slas", where=[17],
         published="2016-10-05", proposals=[],
         positions=[dict(holders=[["Hillary Clinton", "Clinton"], ["Donald Trump", "Trump"]], stance="oppose",
                         about="an expansive new trade deal with countries bordering the Pacific Rim", cue="opposed"),
                    dict(holders=[["Donald Trump", "Trump"]], stance="oppose",
                         about="long-standing free-trade deals such as the North American Free Trade Agreement", cue="criticized"),
                    dict(holders=[["Donald Trump", "Trump"]], stance="demand",
                         about="steep new tariffs on goods from China and Mexico", cue="called for")]),
    dict(id="obamacare-repeal", corpus="PolNeAR", file="breitbart_2016-10-04_bill-clinton-calls-obamacare-cra", where=[23],
         published="2016-10-04",
         proposals=[dict(mention="doing away with the government mandate", name="doing away with the government mandate", points=None,
                         authors=[["Donald Trump", "Trump"]],
                         provisions=["doing away with the government mandate requiring all individual to purchase insurance or face a fine"])],
         positions=[dict(holders=[["Donald Trump", "Trump"]], stance="demand", about="the complete repeal of Obamacare",
                         cue="called for")]),
    dict(id="yemen-commission", corpus="PolNeAR", file="nyt_2016-09-20_examining-the-u-n-s-record-on-ur", where=[43],
         published="2016-09-20", proposals=[],
         positions=[dict(holders=[["Human Rights Council", "UN Human Rights Council", "United Nations Human Rights Council"]],
                         stance="reject", about="calls to establish a commission to investigate atrocities in Yemen", cue="rejected")]),
    dict(id="trump-tax-plan", corpus="PolNeAR", file="politico_2016-10-04_trump-not-walking-the-walk-on-hi", where=[31],
         published="2016-10-04",
         proposals=[dict(mention="Trump’s plan", name="Trump's plan", points=None, authors=[["Donald Trump", "Trump"]], provisions=[])],
         positions=[dict(holders=[["Hillary Clinton", "Clinton"]], stance="demand", about="big tax hikes on the rich", cue="called for"),
                    dict(holders=[["Hillary Clinton", "Clinton"]], stance="oppose", about="Trump’s plan", cue="lambasting")]),
    dict(id="us-china-climate", corpus="PolNeAR", file="nyt_2016-09-08_obama-on-climate-change-the-tren", where=[107],
         published="2016-09-08",
         proposals=[dict(mention="a proposal", name="US climate proposal to China", points=None,
                         authors=[["Barack Obama", "Obama", "United States"]],
                         provisions=["the United States would pledge to increase its target for reducing carbon emissions by 2025"])],
         positions=[dict(holders=[["United States", "Barack Obama", "Obama"]], stance="condition",
                         about="the Chinese pledged to cap and then gradually reduce their emissions", cue="if")]),
    dict(id="national-service", corpus="PolNeAR", file="breitbart_2016-09-30_the-latest-trump-urges-supporter", where=[201],
         published="2016-09-30",
         proposals=[dict(mention="her proposals to increase national service", name="proposals to increase national service", points=None,
                         authors=[["Hillary Clinton", "Clinton"]],
                         provisions=["increase national service", "triple the size of the AmeriCorps program", "grow the Peace Corps",
                                     "create a new national service reserve program"])],
         positions=[]),
]


def offsets(text: str, s: str, what: str) -> tuple[int, int]:
    i = text.find(s)
    if i < 0:
        sys.exit(f"not in text ({what}): {s!r}")
    return i, i + len(s)


def build(items: list[dict]) -> dict:
    out = []
    for it in items:
        if it["corpus"] == "PolNeAR":
            text = polnear(it["file"], it["where"])
            src = f"polnear/{it['file']}.txt lines {it['where']}"
        else:
            text = cat(it["file"], it["where"])
            src = f"{it['file']} sentences {it['where']}"
        item = {"id": it["id"], "source": src, "licence": LICENCES[it["corpus"]], "published": it["published"],
                "text": text, P: [], H: []}
        for p in it[P]:
            s, e = offsets(text, p["mention"], it["id"])
            provs = [{"text": x, "start": offsets(text, x, it["id"])[0], "end": offsets(text, x, it["id"])[1]}
                     if x in text else {"text": x, "start": None, "end": None} for x in p["provisions"]]
            item[P].append({"name": p["name"], "points": p["points"], "authors": p["authors"], "provisions": provs,
                            "start": s, "end": e})
        for q in it[H]:
            s, e = offsets(text, q["about"], it["id"])
            cs, ce = offsets(text, q["cue"], it["id"])
            item[H].append({"holders": q["holders"], "stance": q["stance"], "about": q["about"], "start": s, "end": e,
                            "cue": q["cue"], "cue_start": cs, "cue_end": ce})
        out.append(item)
    return {"format": "parley positions gold v1 (see README.md)", "items": out}


if __name__ == "__main__":
    for name, items in (("gold.json", ITEMS), ("heldout.json", HELDOUT)):
        dest = Path(__file__).with_name(name)
        dest.write_text(json.dumps(build(items), ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {dest}")
