"""Built pages lose the templates' indentation, never a character of preformatted text."""

from __future__ import annotations

from bs4 import BeautifulSoup

from notesite.render.compact_html import compact_html

PAGE = """<html>
    <body>
      <p>one
         two</p>
      <pre><code>def f():
    return 1
</code></pre>
      <textarea>  keep
    this</textarea>
      <script>
        var x = 1;
      </script>
      <preview>
          gone
      </preview>
    </body>
</html>
"""


def test_indentation_outside_preformatted_elements_is_removed():
    assert "\n      <p>" not in compact_html(PAGE)
    assert "\n<p>one\ntwo</p>" in compact_html(PAGE)


def test_preformatted_text_keeps_every_character():
    before, after = BeautifulSoup(PAGE, "html.parser"), BeautifulSoup(compact_html(PAGE), "html.parser")
    for tag in ("pre", "textarea", "script"):
        assert after.find(tag).decode() == before.find(tag).decode()


def test_a_tag_that_only_starts_like_pre_is_compacted():
    assert "<preview>\ngone\n</preview>" in compact_html(PAGE)


def test_the_text_a_reader_sees_is_the_same():
    def words(html: str) -> list[str]:
        return BeautifulSoup(html, "html.parser").get_text().split()

    assert words(compact_html(PAGE)) == words(PAGE)


def test_an_unclosed_pre_keeps_the_rest_of_the_page():
    assert compact_html("a\n  b<pre>x\n  y") == "a\nb<pre>x\n  y"
