"""Parse XML from an export with entities, external references and DTD tricks refused."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml import ElementTree

from bot.course.importers.archive import DEFAULT_LIMITS, Limits
from bot.course.pack_writer import ImportProblem


def parse(file: Path, shown: Path | str | None = None, limits: Limits = DEFAULT_LIMITS) -> Element:
    """The root element of `file`, namespaces removed; `shown` names the file in messages."""
    where = Path(shown) if shown is not None else file
    try:
        if file.stat().st_size > limits.xml_bytes:
            raise ImportProblem.at(where, 0, f"refused: the file is over {limits.xml_bytes} bytes")
        root = ElementTree.parse(file, forbid_dtd=False, forbid_entities=True,
                                 forbid_external=True).getroot()
    except defusedxml.DefusedXmlException as error:
        raise ImportProblem.at(where, 0, f"refused: the XML uses {_trick(error)}") from error
    except ParseError as error:
        line = error.position[0] if error.position else 0
        raise ImportProblem.at(where, line, f"not well-formed XML ({error.msg})") from error
    except OSError as error:
        raise ImportProblem.at(where, 0, f"cannot read the file: {error.strerror or error}") from error
    if root is None:
        raise ImportProblem.at(where, 0, "the XML has no root element")
    for element in root.iter():
        element.tag = local(element.tag)
    return root


def local(tag: object) -> str:
    """`{namespace}name` -> `name`; comments and processing instructions have no name."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(element: Element | None) -> str:
    """All the text inside `element`, spaces tidied."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _trick(error: defusedxml.DefusedXmlException) -> str:
    if isinstance(error, defusedxml.EntitiesForbidden):
        return "entity declarations, which can expand without limit"
    if isinstance(error, defusedxml.ExternalReferenceForbidden):
        return "external references, which could read other files"
    return "a document type declaration"
