"""Read the ribbon XML and the VBA callbacks, and check that they fit together.

The ribbon names each button's callback by ``onAction``; each callback is a
Sub of the ribbon module that runs one Python entry point through
``RunPython``. A ribbon whose callback is missing loads in Excel but fails
only when the button is clicked, so the build checks the pairing up front.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from defusedxml import ElementTree

# customUI14.xml must use the Office 2010 namespace; Excel ignores the part
# when the namespace does not match the part name.
CUSTOM_UI_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"

SUB_PATTERN = re.compile(
    r"^Sub\s+(?P<name>\w+)\s*\(\s*control\s+As\s+IRibbonControl\s*\)\s*$"
    r"(?P<body>.*?)^End\s+Sub\s*$",
    re.MULTILINE | re.DOTALL | re.IGNORECASE,
)
RUN_PYTHON_PATTERN = re.compile(
    r'^\s*RunPython\s+"import\s+(?P<module>[\w.]+)\s+as\s+(?P<alias>\w+);\s*'
    r'(?P=alias)\.(?P<function>\w+)\(\)"\s*$'
)


@dataclass(frozen=True)
class RibbonButton:
    """One button of the ribbon tab."""

    id: str
    label: str
    group: str
    on_action: str
    image_mso: str
    screentip: str
    supertip: str


@dataclass(frozen=True)
class Callback:
    """One ribbon callback Sub and the Python function it runs."""

    sub: str
    module: str
    function: str


def read_buttons(xml: bytes) -> list[RibbonButton]:
    """Parse the ribbon XML and return its buttons in document order.

    Raises:
        ValueError: The root is not a customUI element of the Office 2010
            namespace.
    """
    root = ElementTree.fromstring(xml)
    if root.tag != f"{{{CUSTOM_UI_NAMESPACE}}}customUI":
        raise ValueError(
            f"the ribbon's root element is {root.tag}; "
            f"customUI14.xml needs customUI in the namespace {CUSTOM_UI_NAMESPACE}"
        )
    buttons = []
    for group in root.iter(f"{{{CUSTOM_UI_NAMESPACE}}}group"):
        for button in group.iter(f"{{{CUSTOM_UI_NAMESPACE}}}button"):
            buttons.append(
                RibbonButton(
                    id=button.get("id", ""),
                    label=button.get("label", ""),
                    group=group.get("label", ""),
                    on_action=button.get("onAction", ""),
                    image_mso=button.get("imageMso", ""),
                    screentip=button.get("screentip", ""),
                    supertip=button.get("supertip", ""),
                )
            )
    return buttons


def read_callbacks(source: str) -> list[Callback]:
    """Return the callback Subs of a ribbon module with the function each runs.

    Raises:
        ValueError: A callback's body is anything other than one RunPython
            call that imports a module and calls one of its functions
            without arguments.
    """
    callbacks = []
    for match in SUB_PATTERN.finditer(source.replace("\r\n", "\n")):
        statements = [line for line in match["body"].splitlines() if line.strip()]
        call = RUN_PYTHON_PATTERN.match(statements[0]) if len(statements) == 1 else None
        if call is None:
            raise ValueError(
                f"Sub {match['name']} must contain exactly one statement of the form "
                'RunPython "import package.module as x; x.function()"'
            )
        callbacks.append(Callback(match["name"], call["module"], call["function"]))
    return callbacks


def check_pairing(buttons: list[RibbonButton], callbacks: list[Callback]) -> None:
    """Raise ValueError unless every button's onAction names a callback Sub."""
    subs = {callback.sub for callback in callbacks}
    missing = [b.id for b in buttons if b.on_action not in subs]
    if missing:
        raise ValueError(
            f"buttons {missing} name an onAction Sub that the ribbon module lacks; "
            f"the module defines {sorted(subs)}"
        )
