"""Coverage figures of the manual, for editors and for `tism report` (pure: Catalogue in, dict out)."""
from __future__ import annotations

from . import curriculum, editions, fallbacks, law
from .model import LEVELS, Catalogue


def _fallbacks(catalogue: Catalogue, lang: str) -> dict:
    """Where the pages in `lang` show English instead (tism.fallbacks): how many places, and where."""
    where = fallbacks.by_standard(catalogue, lang)
    return {"count": sum(map(len, where.values())), "where": where}


def report(catalogue: Catalogue) -> dict:
    """The documented --json shape; the first ten keys are stable, the rest are detail.

    A standard is complete in a language when nothing on its page in that language falls back to
    English (tism.fallbacks): every text translated, and every history entry, version of a law's
    text and name of a law it prints."""
    standards = catalogue.standards
    requirements = [r for s in standards for r in s.requirements]
    citations = [c for s in standards for c in s.legal_basis]
    english_on = {lang: _fallbacks(catalogue, lang) for lang in catalogue.languages.codes[1:]}
    bengali = english_on.get("bn", {"count": 0, "where": {}})
    return {
        "chapters": len(catalogue.chapters),
        "standards": sum(s.status != "withdrawn" for s in standards),  # in force (and drafts); withdrawn apart
        "requirements": len(requirements),
        "bn_complete_standards": len(standards) - len(bengali["where"]),
        "citations": len(citations),
        "unverified_citations": sum(not c.verified for c in citations),
        "sources": len(catalogue.sources),
        "glossary_terms": len(catalogue.glossary),
        "indicators": sum(len(g.indicators) for g in catalogue.indicators.values()),
        "forms": len(catalogue.forms),
        "requirements_by_level": {level: sum(r.level == level for r in requirements) for level in LEVELS},
        "repealed_law_citations": sum(catalogue.laws[c.law].repealed for c in citations),
        "indicator_groups": len(catalogue.indicators),
        # The training curriculum: courses and cross-cutting modules, what they teach, what no course does.
        "courses": len(catalogue.courses),
        "objectives": sum(len(m.objectives) for c in catalogue.courses.values() for m in c.modules),
        "questions": sum(len(m.questions) for c in catalogue.courses.values() for m in c.modules),
        "exercises": sum(len(c.exercises) for c in catalogue.courses.values()),
        "untaught_must_requirements": curriculum.untaught_must(catalogue),
        # Standards changed after the lessons of a course teaching them were written, by course.
        "courses_to_recheck": {c.id: sorted(changed) for c in catalogue.courses.values()
                               if (changed := curriculum.changed_since(c, catalogue))},
        "self_assessment_items": sum(len(s.items) for s in catalogue.self_assessment.sections)
        if catalogue.self_assessment else 0,
        "withdrawn_standards": sorted(s.id for s in standards if s.status == "withdrawn"),
        "withdrawn_requirements": sum(len(s.withdrawn_requirements) for s in standards),
        # Forms of exploitation in s.2(20) of the 2026 Ordinance that no indicator group covers.
        "exploitation_forms_without_indicators": sorted(
            set(catalogue.exploitation_forms) - {c for g in catalogue.indicators.values() for c in g.covers}),
        "bn_missing": sorted(bengali["where"]),
        # Every place a Bengali page shows English instead: {"count": N, "where": {ID: [path, ...]}}.
        "bn_fallbacks": bengali,
        # Texts whose English changed since the newest edition while their translation did not.
        "stale_translations": sum(len(editions.stale_texts(catalogue, s, lang))
                                  for s in standards for lang in catalogue.languages.codes[1:]),
        "stale_translation_texts": {
            lang: {s.id: sorted(found) for s in standards if (found := editions.stale_texts(catalogue, s, lang))}
            for lang in catalogue.languages.codes[1:]
        },
        # Every language besides English: how many standards are fully translated, which are not,
        # and where their pages fall back to English.
        "translations": {
            lang: {"complete": len(standards) - len(english_on[lang]["where"]),
                   "missing": sorted(english_on[lang]["where"]), "fallbacks": english_on[lang]}
            for lang in catalogue.languages.codes[1:]
        },
        "citations_by_law": law.by_law(catalogue),
        "stale_citations": len(law.stale(catalogue)),
        "provisions_read": {key: len(item.provisions) for key, item in catalogue.laws.items() if item.provisions},
        "by_chapter": {
            chapter.code: {
                "standards": len(catalogue.in_chapter(chapter.code)),
                "requirements": sum(len(s.requirements) for s in catalogue.in_chapter(chapter.code)),
            }
            for chapter in catalogue.chapters
        },
    }


def report_text(figures: dict) -> str:
    levels = figures["requirements_by_level"]
    lines = [
        f"chapters               {figures['chapters']}",
        f"standards              {figures['standards']}",
        f"requirements           {figures['requirements']}  "
        f"(must {levels['must']}, should {levels['should']}, may {levels['may']})",
        f"complete in Bengali    {figures['bn_complete_standards']} of {figures['standards']} standards",
        f"citations              {figures['citations']}  ({figures['unverified_citations']} pending legal review, "
        f"{figures['repealed_law_citations']} of repealed law)",
        f"  to re-check          {figures['stale_citations']} checked against an older text of the law",
        f"sources                {figures['sources']}",
        f"glossary terms         {figures['glossary_terms']}",
        f"indicators             {figures['indicators']} in {figures['indicator_groups']} groups",
        f"forms                  {figures['forms']}",
        "",
        "chapter  standards  requirements",
    ]
    lines += [f"{code:<8} {row['standards']:>9}  {row['requirements']:>12}"
              for code, row in figures["by_chapter"].items()]
    lines += ["", "instrument                          cited  verified  provisions read"]
    lines += [f"{key:<35} {row['cited']:>5}  {row['verified']:>8}  {figures['provisions_read'].get(key, '-'):>15}"
              for key, row in figures["citations_by_law"].items() if row["cited"] or key in figures["provisions_read"]]
    if figures["bn_missing"]:
        lines += ["", "Bengali translation missing in: " + ", ".join(figures["bn_missing"])]
        lines += [f"English on the Bengali pages ({figures['bn_fallbacks']['count']} places):"]
        lines += [f"  {sid:<8} {', '.join(where)}" for sid, where in figures["bn_fallbacks"]["where"].items()]
    return "\n".join(lines)
