"""IDs written in text link to their standard or requirement (tism.crossrefs), on both sites."""
from __future__ import annotations

import re

from tism import crossrefs

WHERE = {"IV-004": "standards/IV-004.html", "IV-004.02": "standards/IV-004.html#IV-004.02"}


def test_ids_in_text_become_links_relative_to_the_page():
    out = crossrefs.link_ids("<p>See IV-004 and IV-004.02.</p>", WHERE, "../")
    assert out == ('<p>See <a class="tism-xref" href="../standards/IV-004.html">IV-004</a> and '
                   '<a class="tism-xref" href="../standards/IV-004.html#IV-004.02">IV-004.02</a>.</p>')
    assert 'href="standards/IV-004.html"' in crossrefs.link_ids("<li>IV-004</li>", WHERE, "")


def test_links_headings_code_labels_and_unknown_ids_stay_as_they_are():
    page = ('<h2>IV-004</h2><p><a href="x.html">IV-004</a> <code>IV-004</code> <strong>IV-004.02</strong> '
            '<label class="tism-checklist__label"><input type="checkbox">IV-004</label> FM-001 IV-004.99 XIV-0040</p>'
            '<script>var s = "IV-004";</script><!-- IV-004 -->')
    assert crossrefs.link_ids(page, WHERE, "../") == page


def test_text_after_a_plain_element_is_linked_again_and_attributes_are_not_text():
    page = '<p><code>x</code> IV-004 <span title="a > IV-004">b</span></p>'
    out = crossrefs.link_ids(page, WHERE, "")
    assert out.count("tism-xref") == 1
    assert 'title="a > IV-004"' in out


def test_every_known_id_is_a_target(catalogue):
    where = crossrefs.targets(catalogue)
    assert len(where) == len(catalogue.standards) + sum(len(s.requirements) + len(s.withdrawn_requirements)
                                                        for s in catalogue.standards)
    assert where["VC-004.04"] == "standards/VC-004.html#VC-004.04"


def test_the_sites_link_mentions_to_requirements_that_exist(real_site):
    for folder in ("", "bn/"):
        page = (real_site / "site" / folder / "glossary.html").read_text(encoding="utf-8")
        links = re.findall(r'<a class="tism-xref" href="([^"]+)">', page)
        assert links, folder
        for href in set(links):
            path, _, anchor = href.partition("#")
            target = (real_site / "site" / folder / path).read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in target, href
