"""The curriculum's question banks in Moodle XML, the format learning platforms in the region import
(Moodle: Question bank > Import > Moodle XML format). Pure: Catalogue in, bytes out.

One file per language: a category per course and, inside it, per module
(`$course$/top/tism <edition>/<COURSE>/<MODULE>`); each question keeps its ID as name and ID
number, and the requirement it tests as a tag and in its general feedback (with the requirement's
text, so a participant who gets it wrong reads what the manual requires). Multiple choice: one
right answer (fraction 100), the others 0, shuffled by Moodle; true-false: the answers "true" and
"false", which Moodle's importer matches by that text. Texts are escaped by ElementTree, never
built by hand.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from .model import Catalogue, Course, Question


def _text(parent: ET.Element, tag: str, value: str, format: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": format} if format else {})
    ET.SubElement(element, "text").text = value
    return element


def _html(text: str) -> str:
    """Plain data as the HTML Moodle shows (format="html"): escaped, one paragraph."""
    return f"<p>{html.escape(text, quote=False)}</p>"


def _category(quiz: ET.Element, path: str, info: str, idnumber: str) -> None:
    question = ET.SubElement(quiz, "question", {"type": "category"})
    _text(question, "category", path)
    _text(question, "info", _html(info), "html")
    ET.SubElement(question, "idnumber").text = idnumber


def _feedback(question: Question, catalogue: Catalogue, lang: str) -> str:
    found = catalogue.requirement(question.tests)
    if found is None:
        return _html(question.tests)
    _, requirement = found
    level = catalogue.languages.label(lang, requirement.level)
    return _html(f"{question.tests} ({level}): {requirement.text.get(lang)}")


def _question(quiz: ET.Element, question: Question, catalogue: Catalogue, lang: str) -> None:
    kind = "truefalse" if question.kind == "true-false" else "multichoice"
    element = ET.SubElement(quiz, "question", {"type": kind})
    _text(element, "name", question.id)
    _text(element, "questiontext", _html(question.text.get(lang)), "html")
    _text(element, "generalfeedback", _feedback(question, catalogue, lang), "html")
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "1" if kind == "truefalse" else "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    if kind == "multichoice":
        ET.SubElement(element, "single").text = "true"
        ET.SubElement(element, "shuffleanswers").text = "true"
        ET.SubElement(element, "answernumbering").text = "abc"
        for index, option in enumerate(question.options):
            answer = _text(element, "answer", _html(option.get(lang)), "html")
            answer.set("fraction", "100" if index == question.answer else "0")
            _text(answer, "feedback", "", "html")
    else:
        for value in (True, False):
            answer = _text(element, "answer", "true" if value else "false", "moodle_auto_format")
            answer.set("fraction", "100" if question.answer is value else "0")
            _text(answer, "feedback", "", "html")
    tags = ET.SubElement(element, "tags")
    for tag in (question.tests, question.tests.split(".")[0]):
        _text(tags, "tag", tag)


def question_bank(catalogue: Catalogue, lang: str, courses: list[Course] | None = None) -> bytes:
    """The questions of `courses` (by default every course) in `lang`, as a Moodle XML file."""
    quiz = ET.Element("quiz")
    top = f"$course$/top/tism {catalogue.edition}"
    for course in courses if courses is not None else catalogue.courses.values():
        _category(quiz, f"{top}/{course.id}", f"{course.id} · {course.title.get(lang)}", course.id)
        for module in course.modules:
            _category(quiz, f"{top}/{course.id}/{module.id}", f"{module.id} · {module.title.get(lang)}", module.id)
            for question in module.questions:
                _question(quiz, question, catalogue, lang)
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"
