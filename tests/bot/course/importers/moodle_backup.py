"""A Moodle course backup of our own, laid out as Moodle writes one (moodle_backup.xml,
sections/, activities/, questions.xml), packed as a `.mbz` (a gzipped tar)."""

from __future__ import annotations

import tarfile
from html import escape
from pathlib import Path

from tests.bot.course.importers.exports import write_tree

# (section id, number, name, visible, [(module id, kind, fields)])
SECTIONS = [
    (10, 0, "$@NULL@$", 1, [(50, "forum", {"name": "Announcements", "type": "news", "intro": ""})]),
    (11, 1, "Ponds", 1, [
        (51, "page", {"name": "What a pond is", "intro": "",
                      "content": "<p>A pond is still fresh water.</p>"}),
        (52, "label", {"name": "label", "intro": "<p>Bring boots next week.</p>"}),
        (53, "url", {"name": "Pond survey site", "intro": "", "externalurl": "https://example.org/ponds"}),
        (54, "quiz", {"name": "Pond check", "intro": ""}),
    ]),
    (12, 2, "$@NULL@$", 1, [
        (55, "assign", {"name": "Pond diary", "intro": "<p>Visit a pond twice and write what you see.</p>"}),
        (56, "forum", {"name": "Pond stories", "type": "general", "intro": "<p>Which pond do you know?</p>"}),
        (57, "resource", {"name": "Handout", "intro": ""}),
    ]),
    (13, 3, "Staff only", 0, []),
]
QUIZ_SLOTS = ('<question_instances>'
              '<question_instance id="1"><slot>1</slot><questionid>700</questionid></question_instance>'
              '<question_instance id="2"><slot>2</slot><question_reference id="1">'
              '<questionbankentryid>80</questionbankentryid></question_reference></question_instance>'
              '<question_instance id="3"><slot>3</slot><questionid>702</questionid></question_instance>'
              '<question_instance id="4"><slot>4</slot><questionid>703</questionid></question_instance>'
              '</question_instances>')


def _answer(ident: int, text: str, fraction: str, feedback: str = "") -> str:
    return (f'<answer id="{ident}"><answertext>{escape(text)}</answertext><fraction>{fraction}</fraction>'
            f"<feedback>{escape(feedback)}</feedback></answer>")


QUESTIONS = (
    '<question_categories><question_category id="1"><name>Default</name><questions>'
    '<question id="700"><name>Still water</name><questiontext>&lt;p&gt;Is pond water still?&lt;/p&gt;'
    "</questiontext><generalfeedback></generalfeedback><qtype>truefalse</qtype>"
    "<plugin_qtype_truefalse_question><answers>" + _answer(1, "True", "1.0000000")
    + _answer(2, "False", "0.0000000") + "</answers></plugin_qtype_truefalse_question></question>"
    '<question id="702"><name>Depth</name><questiontext>How deep is the pond, in metres?</questiontext>'
    "<generalfeedback>$@NULL@$</generalfeedback><qtype>numerical</qtype><plugin_qtype_numerical_question>"
    "<answers>" + _answer(20, "1.5", "1.0000000") + "</answers><numerical_records><numerical_record id=\"1\">"
    "<answer>20</answer><tolerance>0.25</tolerance></numerical_record></numerical_records>"
    "</plugin_qtype_numerical_question></question>"
    '<question id="703"><name>Your view</name><questiontext>Describe a pond.</questiontext>'
    "<qtype>essay</qtype></question>"
    "</questions>"
    # Moodle 4 keeps versions of a question under a bank entry; the latest one counts.
    '<question_bank_entries><question_bank_entry id="80"><question_version><question_versions id="1">'
    '<version>1</version><questions><question id="801"><name>Pond animals</name><questiontext>Old text'
    "</questiontext><qtype>multichoice</qtype></question></questions></question_versions>"
    '<question_versions id="2"><version>2</version><questions><question id="802"><name>Pond animals'
    "</name><questiontext>&lt;p&gt;Which lives in ponds?&lt;/p&gt;</questiontext><generalfeedback>"
    "</generalfeedback><qtype>multichoice</qtype><plugin_qtype_multichoice_question><answers>"
    + _answer(30, "<p>Newt</p>", "1.0000000", "<p>Newts breed in ponds.</p>")
    + _answer(31, "<p>Shark</p>", "0.0000000", "<p>Sharks live in the sea.</p>")
    + "</answers></plugin_qtype_multichoice_question></question></questions></question_versions>"
    "</question_version></question_bank_entry></question_bank_entries>"
    "</question_category></question_categories>")


def backup_files() -> dict[str, str]:
    files: dict[str, str] = {}
    activities, sections = [], []
    for section_id, number, name, visible, modules in SECTIONS:
        sections.append(f"<section><sectionid>{section_id}</sectionid><title>{number}</title>"
                        f"<directory>sections/section_{section_id}</directory></section>")
        files[f"sections/section_{section_id}/section.xml"] = (
            f'<section id="{section_id}"><number>{number}</number><name>{name}</name>'
            f"<summary>$@NULL@$</summary><sequence>{','.join(str(m[0]) for m in modules)}</sequence>"
            f"<visible>{visible}</visible></section>")
        for module_id, kind, fields in modules:
            folder = f"activities/{kind}_{module_id}"
            activities.append(f"<activity><moduleid>{module_id}</moduleid><sectionid>{section_id}</sectionid>"
                              f"<modulename>{kind}</modulename><directory>{folder}</directory></activity>")
            inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items())
            inner += QUIZ_SLOTS if kind == "quiz" else ""
            files[f"{folder}/module.xml"] = f'<module id="{module_id}"><visible>1</visible></module>'
            files[f"{folder}/{kind}.xml"] = (
                f'<activity id="{module_id}" moduleid="{module_id}" modulename="{kind}">'
                f'<{kind} id="1">{inner}</{kind}></activity>')
    files["moodle_backup.xml"] = (
        "<moodle_backup><information><name>ponds.mbz</name>"
        "<original_course_fullname>Life in ponds</original_course_fullname><contents>"
        f"<activities>{''.join(activities)}</activities><sections>{''.join(sections)}</sections>"
        "</contents></information></moodle_backup>")
    files["questions.xml"] = QUESTIONS
    return files


def moodle_backup(tmp_path: Path) -> Path:
    folder = write_tree(tmp_path / "backup", backup_files())
    archive = tmp_path / "ponds.mbz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=".")
    return archive
