"""Course exports of our own, written in the formats as documented (OLX, Common Cartridge)."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

SRT_EN = (
    "1\n00:00:01,000 --> 00:00:04,500\nWelcome to the allotment course.\n\n"
    "2\n00:00:04,500 --> 00:00:09,000\nToday we test the soil before planting.\n\n"
    "3\n00:01:05,000 --> 00:01:10,000\nCompost feeds the soil with nitrogen.\n"
)
SRT_ES = "1\n00:00:01,000 --> 00:00:04,500\nBienvenidos.\n"

OLX_FILES = {
    "course.xml": '<course url_name="2027" org="GrowX" course="PLOT101"/>',
    "course/2027.xml": (
        '<course display_name="Growing food on a small plot">'
        '<chapter url_name="soil"/><chapter url_name="water"/><chapter url_name="staff"/></course>'
    ),
    "chapter/soil.xml": '<chapter display_name="Know your soil"><sequential url_name="soil_seq"/></chapter>',
    "chapter/water.xml": (
        '<chapter display_name="Water and weather">'
        '<sequential display_name="Rain and taps"><vertical display_name="Collecting rain">'
        '<html display_name="Rain" filename="rain"/>'
        '<discussion url_name="d2" display_name="Rain talk" discussion_category="Week 2"'
        ' discussion_target="How do you collect rain water?"/>'
        '<lti_consumer url_name="tool" display_name="Rain simulator"/>'
        '</vertical></sequential></chapter>'
    ),
    "chapter/staff.xml": '<chapter display_name="Staff notes" visible_to_staff_only="true"/>',
    "sequential/soil_seq.xml": (
        '<sequential display_name="Testing the soil"><vertical url_name="soil_unit"/></sequential>'
    ),
    "vertical/soil_unit.xml": (
        '<vertical display_name="Soil basics">'
        '<html url_name="soil_intro"/><video url_name="soil_video"/>'
        '<video url_name="silent" display_name="Silent clip"/>'
        '<problem url_name="soil_mc"/><problem url_name="soil_boxes"/><problem url_name="soil_drop"/>'
        '<problem url_name="soil_num"/><problem url_name="soil_text"/>'
        '</vertical>'
    ),
    "html/soil_intro.xml": '<html filename="soil_intro" display_name="Intro"/>',
    "html/soil_intro.html": (
        "<h2>Why soil matters</h2><p>Good soil is <strong>alive</strong>. It holds water"
        " and food for plants.</p><script>alert('x')</script><ul><li>Clay</li><li>Sand</li></ul>"
        '<p>Read <a href="https://example.org/soil">the soil guide</a>.</p>'
    ),
    "html/rain.html": "<p>Rain is free water. Store it in a covered butt.</p>",
    "video/soil_video.xml": (
        '<video display_name="Testing soil at home" youtube_id_1_0="abc">'
        '<transcript language="es" src="soil-es.srt"/><transcript language="en" src="soil-en.srt"/>'
        '</video>'
    ),
    "static/soil-en.srt": SRT_EN,
    "static/soil-es.srt": SRT_ES,
    "problem/soil_mc.xml": (
        '<problem display_name="Soil types"><multiplechoiceresponse>'
        '<label>Which soil drains fastest?</label><choicegroup type="MultipleChoice">'
        '<choice correct="false">Clay</choice><choice correct="true">Sand'
        '<choicehint>Big grains.</choicehint></choice><choice correct="false">Silt</choice>'
        '</choicegroup></multiplechoiceresponse>'
        '<solution><div class="detailed-solution"><p>Explanation</p>'
        '<p>Sand has large grains, so water runs through.</p></div></solution></problem>'
    ),
    "problem/soil_boxes.xml": (
        '<problem display_name="Plant food"><choiceresponse>'
        '<label>Which feed the soil?</label><checkboxgroup>'
        '<choice correct="true">Compost</choice><choice correct="false">Gravel</choice>'
        '<choice correct="true">Manure</choice></checkboxgroup></choiceresponse></problem>'
    ),
    "problem/soil_drop.xml": (
        '<problem display_name="Worms"><optionresponse><label>Worms are good for soil.</label>'
        '<optioninput><option correct="True">True</option><option correct="False">False</option>'
        '</optioninput></optionresponse></problem>'
    ),
    "problem/soil_num.xml": (
        '<problem display_name="pH"><numericalresponse answer="7">'
        '<label>What pH is neutral?</label><responseparam type="tolerance" default="0.5"/>'
        '<formulaequationinput/></numericalresponse></problem>'
    ),
    "problem/soil_text.xml": (
        '<problem display_name="Name it"><stringresponse answer="compost" type="ci">'
        '<label>What do we call rotted kitchen waste?</label>'
        '<additional_answer answer="humus"/><textline size="20"/></stringresponse></problem>'
    ),
}


def write_tree(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def olx_tarball(tmp_path: Path) -> Path:
    """As Studio exports it: one `course/` folder inside a .tar.gz."""
    tree = write_tree(tmp_path / "olx-src" / "course", OLX_FILES)
    archive = tmp_path / "course.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tree, arcname="course")
    return archive


CC = "http://www.imsglobal.org/xsd/imsccv1p2/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/imsccv1p2/LOM/manifest"
CC_FILES = {
    "imsmanifest.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<manifest identifier="m1" xmlns="{CC}" xmlns:lomimscc="{LOM}">'
        '<metadata><schema>IMS Common Cartridge</schema><schemaversion>1.2.0</schemaversion>'
        '<lomimscc:lom><lomimscc:general><lomimscc:title><lomimscc:string>Bees for beginners'
        '</lomimscc:string></lomimscc:title></lomimscc:general></lomimscc:lom></metadata>'
        '<organizations><organization identifier="org" structure="rooted-hierarchy">'
        '<item identifier="root">'
        '<item identifier="m1"><title>Meet the hive</title>'
        '<item identifier="i1" identifierref="r1"><title>The colony</title></item>'
        '<item identifier="i2" identifierref="r2"><title>Bee charity site</title></item>'
        '<item identifier="i3" identifierref="r3"><title>First thoughts</title></item>'
        '</item>'
        '<item identifier="m2"><title>Honey and wax</title>'
        '<item identifier="i4" identifierref="r4"><title>Check yourself</title></item>'
        '<item identifier="i5" identifierref="r5"><title>Hive planner</title></item>'
        '<item identifier="i6" identifierref="r6"><title>Handout</title></item>'
        '</item></item></organization></organizations>'
        '<resources>'
        '<resource identifier="r1" type="webcontent" href="pages/colony.html">'
        '<file href="pages/colony.html"/></resource>'
        '<resource identifier="r2" type="imswl_xmlv1p2"><file href="r2/link.xml"/></resource>'
        '<resource identifier="r3" type="imsdt_xmlv1p2"><file href="r3/topic.xml"/></resource>'
        '<resource identifier="r4" type="imsqti_xmlv1p2/imscc_xmlv1p2/assessment">'
        '<file href="r4/assessment.xml"/></resource>'
        '<resource identifier="r5" type="imsbasiclti_xmlv1p0"><file href="r5/lti.xml"/></resource>'
        '<resource identifier="r6" type="webcontent" href="files/handout.pdf">'
        '<file href="files/handout.pdf"/></resource>'
        '</resources></manifest>'
    ),
    "pages/colony.html": (
        "<html><head><title>x</title><style>p{}</style></head><body><h1>The colony</h1>"
        "<p>A hive holds one queen and thousands of <em>workers</em>.</p></body></html>"
    ),
    "r2/link.xml": (
        '<webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p2/imswl_v1p2">'
        '<title>Bee charity site</title>'
        '<url href="https://example.org/bees"/></webLink>'
    ),
    "r3/topic.xml": (
        '<topic xmlns="http://www.imsglobal.org/xsd/imsccv1p2/imsdt_v1p2">'
        '<title>First thoughts</title>'
        '<text texttype="text/html">&lt;p&gt;Why do you want to keep bees?&lt;/p&gt;</text></topic>'
    ),
    "r4/assessment.xml": (
        '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">'
        '<assessment ident="a1" title="Check">'
        '<section ident="s1">'
        '<item ident="q_queen" title="Queen"><itemmetadata><qtimetadata><qtimetadatafield>'
        '<fieldlabel>cc_profile</fieldlabel><fieldentry>cc.multiple_choice.v0p1</fieldentry>'
        '</qtimetadatafield></qtimetadata></itemmetadata>'
        '<presentation><material><mattext texttype="text/plain">How many queens in a hive?'
        '</mattext></material>'
        '<response_lid ident="resp" rcardinality="Single"><render_choice>'
        '<response_label ident="A"><material><mattext>One</mattext></material></response_label>'
        '<response_label ident="B"><material><mattext>Ten</mattext></material></response_label>'
        '</render_choice></response_lid></presentation>'
        '<resprocessing><outcomes><decvar varname="SCORE"/></outcomes><respcondition continue="No">'
        '<conditionvar><varequal respident="resp">A</varequal></conditionvar>'
        '<setvar action="Set" varname="SCORE">100</setvar></respcondition></resprocessing>'
        '<itemfeedback ident="general_fb"><flow_mat><material><mattext>One queen lays all the eggs.'
        '</mattext></material></flow_mat></itemfeedback></item>'
        '<item ident="q_essay" title="Essay"><itemmetadata><qtimetadata><qtimetadatafield>'
        '<fieldlabel>cc_profile</fieldlabel><fieldentry>cc.essay.v0p1</fieldentry>'
        '</qtimetadatafield></qtimetadata></itemmetadata></item>'
        '</section></assessment></questestinterop>'
    ),
    "r5/lti.xml": "<cartridge_basiclti_link/>",
    "files/handout.pdf": "%PDF-1.4",
}


def cartridge(tmp_path: Path, files: dict[str, str] = CC_FILES, name: str = "bees.imscc") -> Path:
    archive = tmp_path / name
    with zipfile.ZipFile(archive, "w") as out:
        for member, text in files.items():
            out.writestr(member, text)
    return archive


def olx_course(folder: Path, chapters: dict[str, str], extra: dict[str, str] | None = None) -> Path:
    """A small OLX folder: each chapter's inner XML (sequentials, or older shapes) as given."""
    pointers = "".join(f'<chapter url_name="{name}"/>' for name in chapters)
    files = {"course.xml": '<course url_name="run" org="Ours" course="C1"/>',
             "course/run.xml": f'<course display_name="Our course">{pointers}</course>'}
    for name, inner in chapters.items():
        files[f"chapter/{name}.xml"] = f'<chapter display_name="Chapter {name}">{inner}</chapter>'
    return write_tree(folder, {**files, **(extra or {})})


def unit(*components: str, name: str = "Unit") -> str:
    """One sequential holding one vertical with `components`."""
    return (f'<sequential display_name="Lesson"><vertical display_name="{name}">'
            f'{"".join(components)}</vertical></sequential>')


def multiple_choice(question: str, choices: list[tuple[str, bool]]) -> str:
    listed = "".join(f'<choice correct="{str(right).lower()}">{text}</choice>' for text, right in choices)
    return (f'<problem display_name="Pick one"><multiplechoiceresponse><label>{question}</label>'
            f'<choicegroup type="MultipleChoice">{listed}</choicegroup></multiplechoiceresponse></problem>')


def cartridge_folder(folder: Path, modules: dict[str, list[tuple[str, str]]],
                     resources: list[tuple[str, str, str]], files: dict[str, str]) -> Path:
    """A cartridge as Canvas exports one: modules of (title, resource id) items, then resources
    as (id, type, main file)."""
    items = "".join(
        f'<item identifier="m{n}"><title>{title}</title>'
        + "".join(f'<item identifier="m{n}i{k}" identifierref="{ref}"><title>{name}</title></item>'
                  for k, (name, ref) in enumerate(entries))
        + "</item>" for n, (title, entries) in enumerate(modules.items()))
    listed = "".join(f'<resource identifier="{ident}" type="{kind}" href="{href}"><file href="{href}"/>'
                     "</resource>" for ident, kind, href in resources)
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest identifier="m" xmlns="{CC}">'
                '<metadata><schema>IMS Common Cartridge</schema></metadata>'
                '<organizations><organization identifier="org" structure="rooted-hierarchy">'
                f'<item identifier="LearningModules">{items}</item></organization></organizations>'
                f'<resources>{listed}</resources></manifest>')
    return write_tree(folder, {"imsmanifest.xml": manifest, **files})


def qti_choice(ident: str, question: str, choices: list[tuple[str, str, str]], right: str) -> str:
    """One QTI multiple-choice item; `choices` are (ident, text, feedback for that choice)."""
    labels = "".join(f'<response_label ident="{c}"><material><mattext>{text}</mattext></material>'
                     "</response_label>" for c, text, _ in choices)
    per_answer = "".join(
        f'<respcondition continue="Yes"><conditionvar><varequal respident="r">{c}</varequal>'
        f'</conditionvar><displayfeedback feedbacktype="Response" linkrefid="{c}_fb"/></respcondition>'
        for c, _, _ in choices)
    feedback = "".join(f'<itemfeedback ident="{c}_fb"><flow_mat><material><mattext>{said}</mattext>'
                       "</material></flow_mat></itemfeedback>" for c, _, said in choices if said)
    return (f'<item ident="{ident}" title="Question"><itemmetadata><qtimetadata><qtimetadatafield>'
            "<fieldlabel>cc_profile</fieldlabel><fieldentry>cc.multiple_choice.v0p1</fieldentry>"
            "</qtimetadatafield></qtimetadata></itemmetadata>"
            f"<presentation><material><mattext>{question}</mattext></material>"
            f'<response_lid ident="r" rcardinality="Single"><render_choice>{labels}</render_choice>'
            "</response_lid></presentation><resprocessing>"
            f'{per_answer}<respcondition continue="No"><conditionvar><varequal respident="r">{right}'
            '</varequal></conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>'
            f"</resprocessing>{feedback}</item>")


def qti(*items: str) -> str:
    return ('<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2">'
            f'<assessment ident="a" title="Quiz"><section ident="root">{"".join(items)}'
            "</section></assessment></questestinterop>")
