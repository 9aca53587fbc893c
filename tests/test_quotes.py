"""quotes: quotation marks, verb frames, speakers, channels; the seed's statements; PolNeAR scoring."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from parley.evaluation import EvalOptions
from parley.evaluation import quotes as qeval
from parley.nlp import MODEL, declare_extensions, load_nlp, make_doc
from parley.quotes import Attribution, find_attributions, load_data, quote_spans

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
declare_extensions()


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """The parser alone (no actor stage): speakers fall back to names and earlier mentions."""
    import parley.quotes  # noqa: F401  (registers parley_paragraphs)

    model = spacy.load(MODEL)
    model.add_pipe("parley_paragraphs", before="parser")
    return model


def atts(nlp: spacy.language.Language, text: str, cognition: bool = False) -> list[Attribution]:
    doc = nlp(make_doc(nlp, text, "t1", dt.date(2025, 12, 1)))
    return find_attributions(doc, cognition=cognition)


def contents(text: str, found: list[Attribution]) -> list[str]:
    return [" | ".join(text[s:e] for s, e in a.content) for a in found]


# ---------------------------------------------------------------- quotation marks


@pytest.mark.parametrize("text,want", [
    ("He said “we will win” today.", ["“we will win”"]),
    ('He said "we will win" today.', ['"we will win"']),
    ("Il a dit « nous gagnerons » hier.", ["« nous gagnerons »"]),
    ("Er sagte „wir gewinnen“ heute.", ["„wir gewinnen“"]),
    ("She said ‘it’s over’ and left.", ["‘it’s over’"]),
])
def test_quote_marks_of_every_kind(text: str, want: list[str]) -> None:
    assert [text[s:e] for s, e in quote_spans(text)] == want


def test_nested_quote_stays_inside_its_outer_quote() -> None:
    text = "“He told me ‘never again’ and meant it,” she said."
    assert [text[s:e] for s, e in quote_spans(text)] == ["“He told me ‘never again’ and meant it,”"]


def test_unclosed_quote_continues_into_next_paragraph() -> None:
    text = "“The first part goes on.\n“And the second part ends,” he said."
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“The first part goes on.", "“And the second part ends,”"]


def test_apostrophes_are_not_quotes() -> None:
    assert quote_spans("The country’s leaders didn’t agree.") == []


# ---------------------------------------------------------------- frames


def test_direct_quote_with_trailing_frame(nlp: spacy.language.Language) -> None:
    text = "Maria Lopez arrived early. “We are ready to sign,” she said."
    (a,) = atts(nlp, text)
    assert contents(text, [a]) == ["“We are ready to sign,”"]
    assert a.direct and a.cue == "say" and a.speaker_text == "she" and a.speaker == "maria-lopez"


def test_inverted_frame_and_quote_run(nlp: spacy.language.Language) -> None:
    text = "“The ceasefire holds,” said Ahmed Karimi. “Both sides have kept their word.”"
    (a,) = atts(nlp, text)
    assert a.speaker == "ahmed-karimi"
    assert contents(text, [a]) == ["“The ceasefire holds,” | “Both sides have kept their word.”"]


def test_indirect_speech_that_clause(nlp: spacy.language.Language) -> None:
    text = "The foreign minister, Lena Berg, stressed that the talks would resume next week."
    (a,) = atts(nlp, text)
    assert not a.direct and a.cue == "stress"
    assert contents(text, [a]) == ["that the talks would resume next week"]
    assert a.speaker == "lena-berg"


def test_according_to_and_description(nlp: spacy.language.Language) -> None:
    text = ("“We will not give up,” Omar Haddad said. According to the prime minister, "
            "the deal “is within reach.”")
    found = atts(nlp, text)
    acc = next(a for a in found if a.cue == "according to")
    assert "within reach" in contents(text, [acc])[0]
    assert acc.speaker == "omar-haddad"  # the description refers back to the last named speaker


def test_speaker_unknown_is_none(nlp: spacy.language.Language) -> None:
    text = "Officials said the border would reopen."
    (a,) = atts(nlp, text)
    assert a.speaker is None and a.speaker_text == "Officials"


def test_channel_post_on_x_and_telegram(nlp: spacy.language.Language) -> None:
    text = ("In a post on X, Rahul Mehta wrote that the tariffs were unfair. "
            "Ivan Petrov said on Telegram that the strikes would continue.")
    found = atts(nlp, text)
    assert [a.channel for a in found] == ["X", "Telegram"]


def test_prepositional_and_chained_cues(nlp: spacy.language.Language) -> None:
    text = "After the meeting, Sara Cohen spoke of a constructive exchange, while stressing that gaps remain."
    found = atts(nlp, text)
    assert {a.cue for a in found} == {"speak", "stress"}
    assert all(a.speaker == "sara-cohen" for a in found)


def test_frame_split_off_by_the_segmenter_and_salient_antecedent(nlp: spacy.language.Language) -> None:
    text = ("Jonas Weber also criticised his rival Paul Klein.\n\n"
            "“Everybody is laughing at Paul Klein. A pathetic figure!” he wrote.")
    (a,) = atts(nlp, text)
    assert a.cue == "write" and a.direct
    assert a.speaker == "jonas-weber"  # the subject, not the last name mentioned (nor one inside the quote)


def test_coordinated_cue_inherits_subject_and_channel(nlp: spacy.language.Language) -> None:
    text = "Ana Silva, the chief negotiator, led the delegation and, in a post on X, described the talks as “useful.”"
    (a,) = atts(nlp, text)
    assert a.speaker == "ana-silva" and a.channel == "X" and "useful" in contents(text, [a])[0]


def test_other_speakers_clause_is_cut_from_the_content(nlp: spacy.language.Language) -> None:
    text = "The ministry said the border was open, while opposition leader Carla Diaz called the claim “a lie.”"
    found = atts(nlp, text)
    assert contents(text, found[:1]) == ["the border was open"]
    assert found[1].speaker == "carla-diaz" and contents(text, found[1:]) == ["“a lie.”"]


def test_quotes_inside_a_quote_are_not_separate_statements(nlp: spacy.language.Language) -> None:
    text = "“When they said they wanted peace, I believed them,” Kim Soo-jin said."
    (a,) = atts(nlp, text)
    assert a.cue == "say" and a.direct


def test_scare_quotes_without_a_frame_are_not_statements(nlp: spacy.language.Language) -> None:
    assert atts(nlp, "The so-called “peace dividend” never came.") == []


def test_cognition_cues_only_when_asked(nlp: spacy.language.Language) -> None:
    text = "Many voters believe that the election was fair."
    assert atts(nlp, text) == []
    assert [a.cue for a in atts(nlp, text, cognition=True)] == ["believe"]


def test_headline_colon_frame(nlp: spacy.language.Language) -> None:
    text = "Tehran: talks with Muscat were useful\n\nThe meeting ended late."
    (a,) = atts(nlp, text)
    assert a.cue == ":" and contents(text, [a]) == ["talks with Muscat were useful"]


def test_content_and_source_stay_in_the_cue_paragraph() -> None:
    plain = spacy.load(MODEL)  # no paragraph splitter: the headline and the body form one sentence
    text = "Airline delays new jet order\nThe airline's chief executive said more research was needed."
    (a,) = atts(plain, text)
    assert contents(text, [a]) == ["more research was needed"]
    assert a.speaker_text == "The airline's chief executive"


def test_data_files_load() -> None:
    data = load_data()
    assert "say" in data.classes["speech"] and "according" in " ".join(" ".join(p) for p in data.source_preps)
    assert any(name == "X" for name, _ in data.channels)


# ---------------------------------------------------------------- seed


def test_seed_statements_all_found_with_right_speakers(shared: Path) -> None:
    from parley.pipeline import process_text

    seed = shared / "acceptance" / "seed"
    record = process_text((seed / "article.txt").read_text(encoding="utf-8"), dt.date(2025, 12, 1))
    gold = json.loads((seed / "expected.json").read_text(encoding="utf-8"))
    path = Path("/tmp") / f"parley_quotes_seed_{id(record)}.json"
    path.write_text(json.dumps(record.to_dict()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(seed / "expected.json"), str(path),
                          "--json"], capture_output=True, text=True, check=True).stdout
    parts = json.loads(out.strip().splitlines()[-2])
    assert parts["statements"] >= 0.9, out
    block = out.split("statements:")[1].split("timexes:")[0]
    assert "wrong speaker" not in block and "  missed" not in block
    assert len(gold["statements"]) >= 5
    for s in record.statements:
        assert s.id.startswith("a1-s") and s.mentions and s.mentions[0].article == "a1"
        text = record.articles[0].text
        assert all(text[m.start:m.end] == m.text for m in s.mentions)
    assert any(s.channel == "X" for s in record.statements)


def test_pipeline_registers_quotes_component() -> None:
    assert "parley_quotes" in load_nlp().pipe_names


# ---------------------------------------------------------------- evaluation


def test_brat_reader_and_writer_round_trip(tmp_path: Path) -> None:
    text = "Alex said that it rained."
    a = Attribution([(10, 24)], "say", (5, 9), (0, 4), False, "speech", 0)
    (tmp_path / "x.ann").write_text(qeval.to_brat(text, [a]), encoding="utf-8")
    (g,) = qeval.read_brat(tmp_path / "x.ann")
    assert g.content == [(10, 24)] and g.cue == [(5, 9)] and g.source == [(0, 4)]


def test_polnear_eval_on_a_few_dev_articles(tmp_path: Path) -> None:
    dev = POLNEAR / "dev"
    if not dev.is_dir():
        pytest.skip("PolNeAR is not in ../shared/data")
    res = qeval.run(dev, EvalOptions(fmt="polnear", limit=3, out=tmp_path))
    m = res.metrics
    for key in ("content_f1_overlap", "content_f1_exact", "cue_f1", "speaker_accuracy", "n_gold"):
        assert key in m
    assert m["n_gold"] >= 10 and m["content_f1_overlap"] > 0.4 and m["content_f1_exact"] <= m["content_f1_overlap"]
    assert len(list(tmp_path.glob("*.ann"))) == 3


def test_missing_ggt_data_is_reported_cleanly(tmp_path: Path) -> None:
    res = qeval.run(tmp_path / "quotes_ggt", EvalOptions(fmt="ggt"))
    assert "error" in res.metrics and res.metrics["n_gold"] == 0


# ---------------------------------------------------------------- record hygiene (world reports)


def statements(text: str) -> list:  # type: ignore[type-arg]
    from parley.quotes import extract

    nlp = load_nlp()
    return extract(nlp(make_doc(nlp, text, "w1", dt.date(2025, 5, 10))))


def test_post_then_quote_run_together_by_the_parser_is_one_statement() -> None:
    # "X." is tokenised as an abbreviation, so the parser runs the two sentences together
    text = ("Norland's Foreign Minister Lena Berg confirmed the agreement in a post on X. "
            "\"Norland has always strived for peace in the region,\" she wrote.")
    found = statements(text)
    assert [(s.cue, s.direct, s.channel) for s in found] == [("write", True, "X")]
    assert found[0].text.startswith("Norland has always strived") and "confirmed" not in found[0].text


def test_speech_act_on_a_bare_noun_phrase_is_not_a_statement(nlp: spacy.language.Language) -> None:
    text = "The two leaders met for about an hour before announcing the deal."
    assert statements(text) == []
    # PolNeAR counts it as an attribution
    assert [a.cue for a in atts(nlp, text, cognition=True)] == ["announce"]
    assert statements("Moscow rejected a call by Kyiv for an unconditional ceasefire.")[0].cue == "reject"


def test_participle_after_a_that_clause_keeps_the_speaker() -> None:
    text = ("Rwandan Foreign Minister Paul Odongo said Rwanda's security concerns had to be addressed, "
            "insisting that the neutralisation of the militia was a condition for any withdrawal.")
    found = statements(text)
    assert found and all(s.speaker_text and "Odongo" in s.speaker_text for s in found)
    assert any("neutralisation" in s.text for s in found)


def test_frame_inside_reported_content_is_not_a_statement_of_its_own() -> None:
    text = "Trump said he would call the Finnish president and NATO leaders to brief them on the talks."
    found = statements(text)
    assert [s.cue for s in found] == ["say"]
    assert "brief them" in found[0].text


# ---------------------------------------------------------------- derived PolNeAR lexicon


def test_derived_lexicon_loads_and_widens_only_the_polnear_count(nlp: spacy.language.Language) -> None:
    from parley.quotes import derived_cues

    cues = derived_cues()
    assert "criticism" in cues.nouns and "reportedly" in cues.adverbs and "decry" in cues.verbs
    text = "Her criticism of the tariff plan grew sharper. Activists decried the new border rules."
    found = atts(nlp, text, cognition=True)
    assert {a.cue for a in found} >= {"criticism", "decry"}
    assert "the tariff plan" in contents(text, found)
    assert atts(nlp, text) == []  # not statements


@pytest.mark.skipif(not (POLNEAR / "train").exists(), reason="PolNeAR data absent")
def test_train_quotes_rebuilds_a_lexicon(tmp_path: Path) -> None:
    from parley.quotes_lexicon import build

    out = tmp_path / "cues.tsv"
    rows = build(POLNEAR / "train", out, limit=3)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Cue lexicon derived from PolNeAR") and "kind\tcue\tpos\tn_cue\tn_seen\tprecision" in text
    say = next(r for r in rows if r.kind == "lemma" and r.cue == "say")
    assert 0 < say.n_cue <= say.n_seen and 0.5 < say.precision <= 1.0
    assert any(r.kind == "frame" for r in rows)


def test_statement_and_position_link_both_ways() -> None:
    from parley.pipeline import process_text

    text = "Lena Berg, the foreign minister of Norland, said her government supports a ceasefire along the front line."
    record = process_text(text, dt.date(2025, 12, 1))
    (st,) = record.statements
    linked = [p for p in record.positions if p.statement == st.id]
    assert linked and st.positions == [p.id for p in linked]


def test_as_reported_frame_and_passive_count(nlp: spacy.language.Language) -> None:
    text = "As the state news agency reported on Friday, the two delegations will meet again in Doha."
    (a,) = atts(nlp, text)
    assert a.cue == "report" and contents(text, [a]) == ["the two delegations will meet again in Doha"]
    assert a.speaker_text == "the state news agency"
    passive = "The proposal was rejected by a large majority of the parliament."
    assert atts(nlp, passive) == []
    (b,) = atts(nlp, passive, cognition=True)
    assert contents(passive, [b]) == ["The proposal"] and b.kind == "cognition"


# ---------------------------------------------------------------- demands, embedded frames, transcripts


@pytest.mark.parametrize("text,want", [
    ("The minister called for both sides to return to the negotiating table.",
     "both sides to return to the negotiating table"),
    ("The envoy called for a special commission to oversee the ceasefire.",
     "a special commission to oversee the ceasefire"),
    ("The foreign minister called on Israel to halt the offensive in Gaza.", "Israel to halt the offensive in Gaza"),
])
def test_call_for_and_call_on_keep_the_whole_demand(nlp: spacy.language.Language, text: str, want: str) -> None:
    (a,) = atts(nlp, text)
    assert a.cue == "call" and contents(text, [a]) == [want]
    assert a.speaker_text and "minister" in a.speaker_text or "envoy" in (a.speaker_text or "")


def test_opening_mark_hung_on_the_cue_stays_in_the_content(nlp: spacy.language.Language) -> None:
    text = "The president said “it makes me angry” every time he thinks about the victims of the attack."
    (a,) = atts(nlp, text)
    assert contents(text, [a]) == ["“it makes me angry” every time he thinks about the victims of the attack"]


def test_title_in_quotes_before_a_frame_is_not_what_was_said(nlp: spacy.language.Language) -> None:
    text = "On Sunday on the network’s “Face the Nation,” the senator said the talks had stalled."
    (a,) = atts(nlp, text)
    assert contents(text, [a]) == ["the talks had stalled"]
    split = "“Every time you say that,” the senator said, “you give ammunition to the hardliners.”"
    (b,) = atts(nlp, split)  # a split quotation stays one statement
    assert len(b.content) == 2 and b.speaker_text == "the senator"


def test_belief_inside_reported_content_is_not_counted_twice(nlp: spacy.language.Language) -> None:
    text = "The spokesman said the minister believes the deal will hold."
    found = atts(nlp, text, cognition=True)
    assert [a.cue for a in found] == ["say"]
    assert [a.cue for a in find_attributions(nlp(make_doc(nlp, text, "t1", None)), cognition=True, nested=True)
            ] == ["say", "believe"]


def test_participle_frame_is_cut_from_the_broad_content(nlp: spacy.language.Language) -> None:
    text = ("The governor argued that a new checkpoint would keep fighters from crossing the border, "
            "saying it is “all about security.”")
    found = atts(nlp, text, cognition=True)
    assert "the border" in contents(text, found)[0] and "all about security" not in contents(text, found)[0]
    assert any(a.cue == "say" and "all about security" in contents(text, [a])[0] for a in found)


def test_transcript_turn_runs_to_the_next_speaker_label(nlp: spacy.language.Language) -> None:
    text = ("Partial transcript as follows:\n\nHOST: Will the ceasefire hold through the weekend?\n\n"
            "ODONGO: I think it will hold. Both sides have strong reasons to keep it.\n\n"
            "We expect the monitors to arrive on Monday.\n\n(END VIDEO CLIP)\n\n"
            "HOST: Thank you for joining us this morning.\n\nUPDATE: The talks resume on Monday in Doha.")
    turns = [a for a in atts(nlp, text) if a.kind == "colon"]
    got = {text[a.source[0]:a.source[1]]: contents(text, [a])[0] for a in turns if a.source}
    assert got["ODONGO"] == "I think it will hold. Both sides have strong reasons to keep it. | " \
                            "We expect the monitors to arrive on Monday."
    assert "UPDATE" not in got  # a one-off section label, not a speaker
