"""Write a bare Streamlit app that draws exactly what a run of the real app drew.

:func:`write_bare_app` walks the element tree of an AppTest run (main area and sidebar) and writes a
page of plain ``st.*`` calls with literal arguments: the same headings, texts, widgets (same labels,
options and values), containers, columns, expanders, tabs, forms, tables and charts, in the same
order, but none of the app's own work (no content lookup, no rules, no figure building beyond
handing Streamlit the same figure). The pages sit in a shell like the real one: ``set_page_config``
and ``st.navigation`` over the same page titles, so the ratio real / bare is what the app's own
Python costs on a rerun. Used by bench/pages.py.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest


class Writer:
    def __init__(self, page_paths: dict[str, str]) -> None:
        self.lines: list[str] = []
        self.keys = 0
        self.unsupported: list[str] = []
        self.page_paths = page_paths  # url path -> bare page file

    def key(self) -> str:
        self.keys += 1
        return f"w{self.keys}"

    def line(self, depth: int, code: str) -> None:
        self.lines.append("    " * depth + code)

    # -- blocks -----------------------------------------------------------------------------

    def children(self, node: Any, depth: int, form: bool = False) -> None:
        kids = getattr(node, "children", None) or {}
        ordered = [kids[k] for k in sorted(kids)]
        if not ordered:
            self.line(depth, "pass")
            return
        for child in ordered:
            self.node(child, depth, form)

    def block(self, node: Any, depth: int, form: bool) -> None:
        proto = node.proto
        which = proto.WhichOneof("type")
        kids = getattr(node, "children", None) or {}
        ordered = [kids[k] for k in sorted(kids)]
        if ordered and all(type(c).__name__ == "Column" for c in ordered):
            name = f"c{self.key()}"
            weights = [round(c.proto.weight, 4) for c in ordered]
            self.line(depth, f"{name} = st.columns({weights!r})")
            for i, col in enumerate(ordered):
                self.line(depth, f"with {name}[{i}]:")
                self.children(col, depth + 1, form)
            return
        if which == "flex_container":
            fc = proto.flex_container
            horizontal = fc.direction == fc.Direction.HORIZONTAL if hasattr(fc, "Direction") else \
                fc.direction == 1
            self.line(depth, f"with st.container(border={fc.border!r}, horizontal={horizontal!r}):")
        elif which == "vertical":
            self.line(depth, f"with st.container(border={proto.vertical.border!r}):")
        elif which == "expandable":
            self.line(depth, f"with st.expander({proto.expandable.label!r}, "
                             f"expanded={proto.expandable.expanded!r}):")
        elif which == "form":
            f = proto.form
            self.line(depth, f"with st.form({f.form_id!r}, border={f.border!r}):")
            self.children(node, depth + 1, True)
            return
        elif which == "tab_container":
            tabs = [c for c in ordered if type(c).__name__ == "Tab"]
            name = f"t{self.key()}"
            self.line(depth, f"{name} = st.tabs({[t.proto.label for t in tabs]!r})")
            for i, tab in enumerate(tabs):
                self.line(depth, f"with {name}[{i}]:")
                self.children(tab, depth + 1, form)
            return
        else:
            self.unsupported.append(f"block:{which}")
            self.line(depth, "with st.container():")
        self.children(node, depth + 1, form)

    # -- elements ---------------------------------------------------------------------------

    def node(self, node: Any, depth: int, form: bool) -> None:
        cls = type(node).__name__
        kind = getattr(node, "type", "")
        if cls in ("Block", "Expander", "Tab") or (cls == "Column"):
            if cls == "Column":  # a lone column (should not happen outside st.columns)
                self.children(node, depth, form)
            elif cls == "Expander":
                p = node.proto
                self.line(depth, f"with st.expander({p.label!r}, expanded={p.expanded!r}):")
                self.children(node, depth + 1, form)
            else:
                self.block(node, depth, form)
            return
        p = getattr(node, "proto", None)
        k = self.key
        if kind in ("title", "header", "subheader"):
            fn = {"h1": "title", "h2": "header", "h3": "subheader"}.get(p.tag, "subheader")
            anchor = "" if not p.hide_anchor else ", anchor=False"
            self.line(depth, f"st.{fn}({p.body!r}{anchor})")
        elif kind == "markdown":
            self.line(depth, f"st.markdown({p.body!r})")
        elif kind == "caption":
            self.line(depth, f"st.caption({p.body!r})")
        elif kind == "divider":
            self.line(depth, "st.divider()")
        elif kind in ("info", "warning", "error", "success"):
            icon = f", icon={p.icon!r}" if p.icon else ""
            self.line(depth, f"st.{kind}({p.body!r}{icon})")
        elif kind == "code":
            self.line(depth, f"st.code({p.code_text!r}, language=None)")
        elif kind == "text":
            self.line(depth, f"st.text({p.body!r})")
        elif kind == "progress":
            self.line(depth, f"st.progress({p.value / 100!r}, text={p.text!r})")
        elif kind == "metric":
            self.line(depth, f"st.metric({p.label!r}, {p.body!r})")
        elif kind == "html":
            self.line(depth, f"st.html({p.body!r})")
        elif kind == "button":
            extra = f", type={node.proto.type!r}" + (f", icon={p.icon!r}" if p.icon else "")
            extra += ", disabled=True" if p.disabled else ""
            if p.is_form_submitter or form:
                self.line(depth, f"st.form_submit_button({p.label!r}{extra})")
            else:
                self.line(depth, f"st.button({p.label!r}, key={k()!r}{extra})")
        elif kind == "download_button":
            icon = f", icon={p.icon!r}" if p.icon else ""
            self.line(depth, f"st.download_button({p.label!r}, data=b'', key={k()!r}{icon}, "
                             "on_click='ignore')")
        elif kind == "link_button":
            icon = f", icon={p.icon!r}" if p.icon else ""
            self.line(depth, f"st.link_button({p.label!r}, {p.url!r}{icon})")
        elif kind == "page_link":
            target = self.page_paths.get(p.page.strip("/"), self.page_paths.get("", ""))
            icon = f", icon={p.icon!r}" if p.icon else ""
            self.line(depth, f"st.page_link({target!r}, label={p.label!r}{icon})")
        elif kind == "radio":
            self.line(depth, f"st.radio({p.label!r}, {list(p.options)!r}, index={node.index!r}, "
                             f"horizontal={p.horizontal!r}, key={k()!r})")
        elif kind == "selectbox":
            self.line(depth, f"st.selectbox({p.label!r}, {list(p.options)!r}, index={node.index!r}, "
                             f"key={k()!r})")
        elif kind == "multiselect":
            opts = list(p.options)
            chosen = [opts[i] for i in node.indices]
            self.line(depth, f"st.multiselect({p.label!r}, {opts!r}, default={chosen!r}, key={k()!r})")
        elif kind == "text_input":
            self.line(depth, f"st.text_input({p.label!r}, value={node.value!r}, "
                             f"placeholder={p.placeholder or None!r}, key={k()!r})")
        elif kind == "text_area":
            self.line(depth, f"st.text_area({p.label!r}, value={node.value!r}, key={k()!r})")
        elif kind == "number_input":
            integer = p.data_type == p.INT
            conv = int if integer else float
            value = None if node.value is None else conv(node.value)
            lo = conv(p.min) if p.has_min else None
            hi = conv(p.max) if p.has_max else None
            step = conv(p.step) if p.step else None
            self.line(depth, f"st.number_input({p.label!r}, min_value={lo!r}, max_value={hi!r}, "
                             f"value={value!r}, step={step!r}, key={k()!r})")
        elif kind == "date_input":
            self.line(depth, f"st.date_input({p.label!r}, value=datetime.date.fromisoformat("
                             f"{node.value.isoformat()!r}), key={k()!r})")
        elif kind in ("checkbox", "toggle"):
            self.line(depth, f"st.{kind}({p.label!r}, value={bool(node.value)!r}, key={k()!r})")
        elif kind == "button_group":
            opts = [o.content for o in p.options]
            multi = p.click_mode == p.MULTI_SELECT
            chosen = [opts[i] for i in p.default]
            default = chosen if multi else (chosen[0] if chosen else None)
            fn = "pills" if p.style == p.PILLS else "segmented_control"
            self.line(depth, f"st.{fn}({p.label!r}, {opts!r}, default={default!r}, "
                             f"selection_mode={'multi' if multi else 'single'!r}, key={k()!r})")
        elif kind == "dataframe":
            rows = arrow_rows(p.arrow_data.data)
            if p.editing_mode != p.READ_ONLY:
                num = "dynamic" if p.editing_mode == p.DYNAMIC else "fixed"
                self.line(depth, f"st.data_editor({rows!r}, num_rows={num!r}, hide_index=True, "
                                 f"key={k()!r})")
            else:
                self.line(depth, f"st.dataframe({rows!r}, hide_index=True)")
        elif kind == "plotly_chart":
            spec = json.loads(p.spec)
            config = json.loads(p.config) if p.config else {}
            self.line(depth, f"st.plotly_chart({spec!r}, config={config!r}, key={k()!r})")
        elif kind == "file_uploader":
            self.line(depth, f"st.file_uploader({p.label!r}, type={list(p.type) or None!r}, "
                             f"key={k()!r})")
        else:
            self.unsupported.append(kind or cls)
            self.line(depth, f"st.markdown({('(' + (kind or cls) + ')')!r})")


def arrow_rows(data: bytes) -> list[dict[str, Any]]:
    import pyarrow as pa

    table = pa.ipc.open_stream(io.BytesIO(data)).read_all()
    rows = table.to_pylist()
    return [{k: v for k, v in r.items() if not str(k).startswith("__index_level")} for r in rows]


def page_source(at: AppTest, page_paths: dict[str, str]) -> tuple[str, list[str]]:
    """The code of a bare page that draws what ``at``'s last run drew; and what it could not copy."""
    w = Writer(page_paths)
    w.line(0, "import datetime")
    w.line(0, "import streamlit as st")
    w.line(0, "")
    w.children(at.main, 0)
    sidebar = getattr(at.sidebar, "children", None)
    if sidebar:
        w.line(0, "with st.sidebar:")
        w.children(at.sidebar, 1)
    return "\n".join(w.lines) + "\n", w.unsupported


def write_shell(folder: Path, pages: list[tuple[str, str, str, str, bool]], position: str) -> Path:
    """The bare shell: page config and st.navigation over (group, slug, title, icon, default)."""
    groups: dict[str, list[str]] = {}
    for group, slug, title, icon, default in pages:
        path = folder / f"{slug.replace('-', '_')}.py"
        if not path.exists():
            path.write_text("import streamlit as st\n", encoding="utf-8")
        groups.setdefault(group, []).append(
            f"st.Page({str(path)!r}, title={title!r}, url_path={slug!r}, icon={icon!r}, default={default!r})"
        )
    body = ",\n".join(
        f"    {g!r}: [\n        " + ",\n        ".join(ps) + ",\n    ]" for g, ps in groups.items()
    )
    app = folder / "bare_app.py"
    app.write_text(
        "import streamlit as st\n\n"
        'st.set_page_config(page_title="Bare", page_icon=":material/handshake:", layout="wide")\n'
        f"st.navigation({{\n{body}\n}}, position={position!r}).run()\n",
        encoding="utf-8",
    )
    return app
