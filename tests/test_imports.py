"""The shape of the ``flows`` package's imports: no circles, and every import goes down the layers.

The layers, lowest first (``LAYERS``): ``flows.core`` (the pure extraction core), ``flows.plumbing``
(process plumbing), the stages (``flows.discover`` … ``flows.publish`` and the flow, ``flows.pipeline``:
the modules directly in ``flows``), ``flows.surface`` (what an analyst runs). A module may import its own
layer and the layers below it, never one above: core imports nothing else of flows, plumbing never
imports a stage or the surface, the stages never import the surface.

The graph is read statically (``ast`` over every module, nothing imported), so a circle is found whether
or not it would break at import time. Every import statement counts, wherever it stands:

- module level, function level (an import inside a function still ties the two modules together; moving it
  into a function only hides a circle from the interpreter, not from a reader), and
- under ``if TYPE_CHECKING:``. Such an import never runs, so it cannot fail at import time, but it is
  still a dependency a reader has to follow (the lower module names the upper one's types), and if it did
  not count it would be one more place to hide a circle. A type a lower module needs belongs in it or below.

``from a.b import c`` is an edge to ``a.b.c`` when that is a module and to ``a.b`` otherwise;
``import a.b`` is an edge to ``a.b``. The parent packages a submodule import initialises on the way are not
edges (every module would otherwise depend on its own ``__init__``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
Graph = dict[str, dict[str, int]]  # module -> {imported module: line of the first such import}


def modules(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` (a folder under ``root``), by dotted name."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(node: ast.AST, module: str, is_package: bool, known: set[str]) -> Iterator[str]:
    """The package's modules one import statement names."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            name = alias.name
            while name and name not in known:  # `import a.b.attr` is not a thing, but be safe
                name = name.rpartition(".")[0]
            if name:
                yield name
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".")
            if not is_package:
                base.pop()
            base = base[: len(base) - (node.level - 1)]
            source = ".".join([*base, node.module] if node.module else base)
        else:
            source = node.module or ""
        for alias in node.names:
            submodule = f"{source}.{alias.name}"
            if submodule in known:
                yield submodule
            elif source in known:
                yield source


def import_graph(root: Path, package: str) -> Graph:
    """Who imports whom inside ``package``, from the source alone."""
    found = modules(root, package)
    known = set(found)
    graph: Graph = {}
    for module, path in found.items():
        edges: dict[str, int] = {}
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for target in _imported(node, module, path.name == "__init__.py", known):
                if target != module:
                    edges.setdefault(target, node.lineno)
        graph[module] = edges
    return graph


def tangles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module: every module in one reaches every other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:  # Tarjan's algorithm; the package is small enough for recursion
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(components)


def circles(graph: Graph) -> list[list[str]]:
    """One circle per tangle, as a path ``[a, b, ..., a]`` (the shortest through its first module)."""
    return [_shortest_circle(graph, component) for component in tangles(graph)]


def _shortest_circle(graph: Graph, component: list[str]) -> list[str]:
    """The shortest path from the component's first module back to itself, inside the component."""
    start, members = component[0], set(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in sorted(graph.get(node, {})):
                if target == start:
                    return [*paths[node], start]
                if target in members and target not in paths:
                    paths[target] = [*paths[node], target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"{component} is not strongly connected")  # pragma: no cover


def describe(graph: Graph, circle: list[str]) -> str:
    """``a (line 3) -> b (line 10) -> a``: each step with the line of the import that makes it."""
    steps = [f"{a} (line {graph[a][b]})" for a, b in pairwise(circle)]
    return " -> ".join([*steps, circle[-1]])


def report_circles(graph: Graph) -> list[str]:
    """One line per tangle: a circle in it, and the rest of its modules when the circle is not all of them."""
    lines = []
    for component in tangles(graph):
        circle = _shortest_circle(graph, component)
        rest = sorted(set(component) - set(circle))
        lines.append(describe(graph, circle) + (f" (tangled with {', '.join(rest)})" if rest else ""))
    return lines


def upward_imports(graph: Graph, lower: str, package: str) -> list[str]:
    """Imports from ``lower`` (and below) into the rest of ``package``."""
    inside = (lower, f"{lower}.")
    return [
        f"{module} (line {line}) imports {target}"
        for module, edges in sorted(graph.items())
        if module.startswith(inside)
        for target, line in sorted(edges.items())
        if not target.startswith(inside) and (target == package or target.startswith(f"{package}."))
    ]


LAYERS: list[tuple[str, str]] = [  # (name, the package whose modules it holds; "" for the rest), lowest first
    ("core", "flows.core"),
    ("plumbing", "flows.plumbing"),
    ("stages", ""),
    ("surface", "flows.surface"),
]


def layer_of(module: str, layers: list[tuple[str, str]]) -> int:
    """The rank of the layer holding ``module``: the first whose package it is in, else the catch-all."""
    rest = None
    for rank, (_, package) in enumerate(layers):
        if not package:
            rest = rank
        elif module == package or module.startswith(f"{package}."):
            return rank
    assert rest is not None, f"{module} is in no layer"
    return rest


def layer_violations(graph: Graph, layers: list[tuple[str, str]]) -> list[str]:
    """Imports from a module into a layer above its own, one line each."""
    return [
        f"{module} ({layers[low][0]}, line {line}) imports {target} ({layers[high][0]})"
        for module, edges in sorted(graph.items())
        for target, line in sorted(edges.items())
        if (high := layer_of(target, layers)) > (low := layer_of(module, layers))
    ]


def test_flows_has_no_import_circle() -> None:
    graph = import_graph(REPO, "flows")
    assert len(graph) > 40  # the walk found the package
    found = report_circles(graph)
    assert not found, "import circles in flows/:\n" + "\n".join(found)


def test_core_never_imports_the_rest_of_flows() -> None:
    graph = import_graph(REPO, "flows")
    upward = upward_imports(graph, "flows.core", "flows")
    assert not upward, "flows.core must not import from flows outside flows.core:\n" + "\n".join(upward)


def test_imports_go_down_the_layers() -> None:
    graph = import_graph(REPO, "flows")
    assert {layer_of(module, LAYERS) for module in graph} == set(range(len(LAYERS)))  # every layer is there
    upward = layer_violations(graph, LAYERS)
    assert not upward, "imports from a lower layer upward in flows/:\n" + "\n".join(upward)


def test_the_stages_are_the_modules_directly_in_flows() -> None:
    stages = {m for m in import_graph(REPO, "flows") if layer_of(m, LAYERS) == 2}
    assert stages == {
        "flows",
        "flows.discover",
        "flows.extract",
        "flows.load",
        "flows.validate",
        "flows.quarantine",
        "flows.transform",
        "flows.publish",
        "flows.pipeline",
    }


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_deliberate_circle_is_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg.b import thing\n",
            "pkg/b.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from pkg import c\n",
            "pkg/c.py": "def late():\n    from . import a\n",  # function level, relative
            "pkg/sub/__init__.py": "from .x import y\n",
            "pkg/sub/x.py": "import pkg.sub\n",  # a submodule importing its own package's __init__
            "pkg/free.py": "import os\nimport pkg.a\n",  # imports into a circle, is not in one
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert circles(graph) == [["pkg.a", "pkg.b", "pkg.c", "pkg.a"], ["pkg.sub", "pkg.sub.x", "pkg.sub"]]
    assert describe(graph, circles(graph)[0]) == "pkg.a (line 1) -> pkg.b (line 4) -> pkg.c (line 2) -> pkg.a"
    assert report_circles(graph) == [
        "pkg.a (line 1) -> pkg.b (line 4) -> pkg.c (line 2) -> pkg.a",
        "pkg.sub (line 1) -> pkg.sub.x (line 1) -> pkg.sub",
    ]


def test_a_circle_is_reported_with_the_rest_of_its_tangle(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "import pkg.b\nimport pkg.d\n",
            "pkg/b.py": "import pkg.a\n",
            "pkg/d.py": "from pkg.e import f\n",
            "pkg/e.py": "from . import a\n",
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert tangles(graph) == [["pkg.a", "pkg.b", "pkg.d", "pkg.e"]]
    assert report_circles(graph) == ["pkg.a (line 1) -> pkg.b (line 1) -> pkg.a (tangled with pkg.d, pkg.e)"]


def test_an_upward_import_is_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/top.py": "from pkg.core import low\n",
            "pkg/core/__init__.py": "",
            "pkg/core/low.py": "import json\n\n\ndef f():\n    from pkg import top\n",
            "pkg/core/ok.py": "from pkg.core.low import f\n",
        },
    )
    graph = import_graph(tmp_path, "pkg")
    assert upward_imports(graph, "pkg.core", "pkg") == ["pkg.core.low (line 5) imports pkg.top"]


def test_an_import_up_the_layers_is_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/stage.py": "from pkg.plumbing import tool\nfrom pkg.core import low\n",  # down: fine
            "pkg/core/__init__.py": "",
            "pkg/core/low.py": "",
            "pkg/plumbing/__init__.py": "",
            "pkg/plumbing/tool.py": "from pkg.core import low\n\n\ndef later():\n    from pkg import stage\n",
            "pkg/plumbing/ui.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    import pkg.surface.cli\n",
            "pkg/surface/__init__.py": "",
            "pkg/surface/cli.py": "import pkg.stage\nimport pkg.plumbing.tool\nfrom pkg.core import low\n",
        },
    )
    layers = [("core", "pkg.core"), ("plumbing", "pkg.plumbing"), ("stages", ""), ("surface", "pkg.surface")]
    graph = import_graph(tmp_path, "pkg")
    assert layer_of("pkg.stage", layers) == 2
    assert layer_of("pkg", layers) == 2
    assert layer_of("pkg.surface.cli", layers) == 3
    assert layer_violations(graph, layers) == [
        "pkg.plumbing.tool (plumbing, line 5) imports pkg.stage (stages)",
        "pkg.plumbing.ui (plumbing, line 4) imports pkg.surface.cli (surface)",
    ]
