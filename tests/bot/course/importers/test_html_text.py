"""Course HTML becomes the pack's light Markdown without losing or damaging a word."""

import pytest

from bot.course.importers.html_text import html_to_markdown


@pytest.mark.parametrize(("html", "markdown"), [
    ("<p>Use <strong>red</strong> and <strong>blue</strong> pens.</p>", "Use **red** and **blue** pens."),
    ("<p>Save it as my_notes.txt</p>", "Save it as my_notes.txt"),
    ("<p>Work out 3 ** 2 and a_b_c.</p>", "Work out 3 ** 2 and a_b_c."),
    ("<p>Soil is <em>alive</em>, <i>really</i>.</p>", "Soil is _alive_, _really_."),
    ("<p>Type <code>ls -l</code> to list.</p>", "Type `ls -l` to list."),
    ("<h1>Compost</h1><h4>Heat</h4><p>Turn it weekly.</p>", "## Compost\n\n### Heat\n\nTurn it weekly."),
    ("<ul><li>Clay</li><li>Sand</li></ul>", "- Clay\n- Sand"),
    ('<p>A <img src="bee.png" alt="worker bee"> on a flower.</p>', "A worker bee on a flower."),
])
def test_marks_and_blocks_come_through_as_written(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


def test_preformatted_code_keeps_its_indentation() -> None:
    html = "<pre>def water(plot):\n    if plot.dry:\n        return 2\n</pre>"

    assert "```\ndef water(plot):\n    if plot.dry:\n        return 2\n```" in html_to_markdown(html)


def test_text_only_for_screen_readers_is_removed() -> None:
    link = ('<a href="https://example.org/bees" target="_blank">the bee trust'
            '<span class="screenreader-only">(Links to an external site.)</span></a>')
    html = f"<p>Read {link} and {link}.</p><span class='sr-only'>Opens in a new tab</span>"

    text = html_to_markdown(html)

    assert text == ("Read the bee trust (https://example.org/bees) and "
                    "the bee trust (https://example.org/bees).")


def test_scripts_styles_and_players_leave_no_trace() -> None:
    html = ("<style>p {color: red}</style><p>Bees dance.</p><script>var a = 1;</script>"
            '<iframe src="https://player.example/v/1"></iframe>')

    assert html_to_markdown(html) == "Bees dance."
