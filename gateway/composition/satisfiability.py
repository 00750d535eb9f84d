"""A basic satisfiability check: can every field of the API schema be reached?

Apollo's composer builds a query graph and checks that every path of the supergraph API
can be followed over subgraphs. This is a smaller version of the same idea: walk the API
schema from the root types keeping, for each position, the set of subgraphs the router
could be in (with the fields a ``@provides`` made available there); at each object type
the set is closed over ``@key`` jumps (a subgraph is reachable when it has a resolvable
key whose fields the subgraphs already reached can resolve); a field is satisfiable when
one reachable subgraph resolves it (defined, not ``@external`` unless provided, not
overridden, its ``@requires`` fields resolvable). A field no reachable subgraph resolves
is a ``SATISFIABILITY_ERROR`` with a witness query, like Apollo's.

Not checked (Apollo checks them): nested ``@requires`` selections and ``@fromContext``
conditions are assumed satisfiable, fragment type conditions in ``@provides`` are
ignored, and shareable fields returning abstract types with different runtime types per
subgraph (``SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES``) are not detected.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import FieldNode, InlineFragmentNode, SelectionSetNode

from .fieldset import FieldSetError, parse_selection
from .issues import Reporter, human_list, join_strings, subgraph_list
from .merge import Merger, MergeResult
from .model import Field, NamedType, Schema, base_type, has_directive, is_non_null
from .specs import KEY, OVERRIDE, PROVIDES, REQUIRES
from .subgraph import Subgraph

#: A selection tree: field name -> sub-tree (fragments flattened)
Provided = frozenset  # of (field name, Provided)
_MAX_STATES = 50_000


def _tree(selection_set: SelectionSetNode | None) -> Provided:
    if selection_set is None:
        return frozenset()
    items: dict[str, set] = {}
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            items.setdefault(selection.name.value, set()).update(_tree(selection.selection_set))
        elif isinstance(selection, InlineFragmentNode):
            for name, sub in _tree(selection.selection_set):
                items.setdefault(name, set()).update(sub)
    return frozenset((name, frozenset(sub)) for name, sub in items.items())


def _child(provided: Provided | None, field_name: str) -> Provided | None:
    if not provided:
        return None
    for name, sub in provided:
        if name == field_name:
            return sub
    return None


@dataclass(frozen=True)
class _Option:
    subgraph: int
    provided: Provided | None = None


class Satisfiability:
    def __init__(self, result: MergeResult, subgraphs: list[Subgraph], merger: Merger, reporter: Reporter) -> None:
        self.supergraph: Schema = result.supergraph
        self.subgraphs = subgraphs
        self.schemas = [s.schema for s in subgraphs]
        self.meta = merger.meta
        self.names = merger.names
        self.reporter = reporter
        self.inaccessible = merger.inaccessible
        self.visited: set[tuple[str, frozenset]] = set()
        self.reported: set[str] = set()
        self.overridden = self._overridden()
        self.stack: list[tuple[str, object, str]] = []  # (type, printed field, kind) witness path

    def _overridden(self) -> set[tuple[int, str]]:
        """(subgraph index, coordinate) of fields taken over by an @override without label."""
        result = set()
        for schema in self.schemas:
            for named in schema.types.values():
                for f in named.fields.values():
                    for directive in f.directives:
                        if directive.name == OVERRIDE and not directive.arg("label"):
                            source = str(directive.arg("from", ""))
                            if source in self.names:
                                result.add((self.names.index(source), f"{named.name}.{f.name}"))
        return result

    # ------------------------------------------------------------------ subgraph facts

    def views(self, index: int, type_name: str) -> list[NamedType]:
        """How subgraph ``index`` sees supergraph type ``type_name``: the type itself, or
        interface objects standing for an interface it implements."""
        schema = self.schemas[index]
        named = schema.types.get(type_name)
        if named is not None:
            return [named]
        supergraph_type = self.supergraph.types.get(type_name)
        if supergraph_type is None:
            return []
        return [
            schema.types[i]
            for i in supergraph_type.interfaces
            if i in schema.types and self.meta[index].is_interface_object(i)
        ]

    def local(self, index: int, type_name: str, field_name: str, provided: Provided | None = None) -> Field | None:
        """The field when subgraph ``index`` resolves it itself at ``type_name``."""
        for view in self.views(index, type_name):
            f = view.fields.get(field_name)
            if f is None:
                continue
            if (index, f"{view.name}.{field_name}") in self.overridden:
                continue
            if self.meta[index].is_external(view.name, field_name) and not any(
                name == field_name for name, _sub in provided or ()
            ):
                continue
            return f
        return None

    def selection_resolvable(self, index: int, type_name: str, tree: Provided) -> bool:
        """Whether one subgraph resolves a whole (key) selection by itself."""
        for name, sub in tree:
            if name == "__typename":
                continue
            f = self.local(index, type_name, name)
            if f is None:
                return False
            if sub and f is not None and not self.selection_resolvable(index, base_type(f.type), sub):
                return False
        return True

    def keys(self, index: int, type_name: str) -> list[Provided]:
        result = []
        for view in self.views(index, type_name):
            for key in view.directives_named(KEY):
                if key.arg("resolvable", True) is False:
                    continue
                try:
                    result.append(_tree(parse_selection(str(key.arg("fields", "")))))
                except FieldSetError:
                    continue
        return result

    def reach(self, type_name: str, options: frozenset[_Option]) -> dict[int, Provided | None]:
        """Subgraphs reachable at ``type_name`` from ``options`` through @key jumps."""
        reached: dict[int, Provided | None] = {}
        for option in options:
            if reached.get(option.subgraph):
                continue
            reached[option.subgraph] = option.provided
        changed = True
        while changed:
            changed = False
            for index in range(len(self.schemas)):
                if index in reached:
                    continue
                for key in self.keys(index, type_name):
                    if any(self.selection_resolvable(r, type_name, key) for r in reached):
                        reached[index] = None
                        changed = True
                        break
        return reached

    def requires_satisfied(self, index: int, type_name: str, f: Field, reached: dict[int, Provided | None]) -> bool:
        for directive in f.directives:
            if directive.name != REQUIRES:
                continue
            try:
                tree = _tree(parse_selection(str(directive.arg("fields", ""))))
            except FieldSetError:
                return True
            for name, _sub in tree:
                if name == "__typename":
                    continue
                elsewhere = any(self.local(r, type_name, name, p) is not None for r, p in reached.items() if r != index)
                if not elsewhere and self.local(index, type_name, name) is None:
                    return False
        return True

    # ------------------------------------------------------------------ walk

    def accessible(self, element: object) -> bool:
        return self.inaccessible is None or not has_directive(element, self.inaccessible)  # type: ignore[arg-type]

    def run(self) -> None:
        for kind in ("query", "mutation", "subscription"):
            root = self.supergraph.roots.get(kind)
            if root is None:
                continue
            options = frozenset(
                _Option(i)
                for i, schema in enumerate(self.schemas)
                if schema.roots.get(kind) == root and root in schema.types
            )
            self.stack = []
            self.visit(root, options, kind)

    def visit(self, type_name: str, options: frozenset[_Option], operation: str) -> None:
        state = (type_name, options)
        if state in self.visited or len(self.visited) > _MAX_STATES or not options:
            return
        self.visited.add(state)
        named = self.supergraph.types.get(type_name)
        if named is None or not self.accessible(named):
            return
        if named.kind in ("interface", "union"):
            self.visit_abstract(named, options, operation)
            if named.kind == "union":
                return
        reached = self.reach(type_name, options)
        for f in named.fields.values():
            if not self.accessible(f):
                continue
            resolvers: set[_Option] = set()
            for index, provided in reached.items():
                local = self.local(index, type_name, f.name, provided)
                if local is None or not self.requires_satisfied(index, type_name, local, reached):
                    continue
                child = _child(provided, f.name)
                for directive in local.directives:
                    if directive.name == PROVIDES:
                        try:
                            extra = _tree(parse_selection(str(directive.arg("fields", ""))))
                        except FieldSetError:
                            extra = frozenset()
                        child = frozenset((child or frozenset()) | extra)
                resolvers.add(_Option(index, child or None))
            if not resolvers:
                if named.kind == "interface":
                    continue  # checked on each implementation
                self.report(type_name, f, reached, operation)
                continue
            target = self.supergraph.types.get(base_type(f.type))
            shared_abstract = target is not None and target.kind in ("interface", "union") and len(resolvers) > 1
            if shared_abstract and not self.check_shared_runtime_types(type_name, f, target, resolvers, operation):
                continue
            if target is not None and target.kind in ("object", "interface", "union"):
                self.stack.append((type_name, f, "field"))
                self.visit(target.name, frozenset(resolvers), operation)
                self.stack.pop()

    def visit_abstract(self, named: NamedType, options: frozenset[_Option], operation: str) -> None:
        for runtime in self.supergraph.possible_types(named.name):
            runtime_type = self.supergraph.types[runtime]
            if not self.accessible(runtime_type):
                continue
            runtime_options: set[_Option] = set()
            for option in options:
                schema = self.schemas[option.subgraph]
                local = schema.types.get(named.name)
                if local is None:
                    continue
                if local.kind == "object" and self.meta[option.subgraph].is_interface_object(named.name):
                    # the runtime type comes from a subgraph where the interface has a key
                    for index, other in enumerate(self.schemas):
                        other_type = other.types.get(named.name)
                        if (
                            other_type is not None
                            and other_type.kind == "interface"
                            and runtime in other.possible_types(named.name)
                        ):
                            runtime_options.add(_Option(index))
                elif runtime in schema.possible_types(named.name):
                    runtime_options.add(_Option(option.subgraph, option.provided))
            if runtime_options:
                self.stack.append((named.name, runtime, "fragment"))
                self.visit(runtime, frozenset(runtime_options), operation)
                self.stack.pop()

    def check_shared_runtime_types(
        self, type_name: str, f: Field, target: NamedType, resolvers: set[_Option], operation: str
    ) -> bool:
        """A field resolved by several subgraphs must return the same runtime types from
        each: SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES when they share none, a hint when they
        differ. Returns False when the field is in error."""
        coordinate = f"{type_name}.{f.name}"
        all_types = sorted(self.supergraph.possible_types(target.name))
        intersection = list(all_types)
        per_subgraph: dict[str, list[str]] = {}
        groups: dict[str, list[str]] = {}
        all_empty = True
        for index in sorted({option.subgraph for option in resolvers}):
            schema = self.schemas[index]
            local = schema.types.get(target.name)
            names = sorted(schema.possible_types(target.name)) if local is not None else []
            if local is not None and local.kind == "object":  # an interface object stands for all
                continue
            subgraph = self.names[index]
            per_subgraph[subgraph] = names
            text = "no runtime type is defined"
            if names:
                quoted = [f'"{n}"' for n in names]
                text = ("types " if len(names) > 1 else "type ") + join_strings(quoted)
                all_empty = False
            groups.setdefault(text, []).append(subgraph)
            intersection = [t for t in intersection if t in names]
        if len(per_subgraph) < 2 or all_empty or f"{coordinate}#runtime" in self.reported:
            return True
        self.reported.add(f"{coordinate}#runtime")
        witness = self.witness(f, operation)
        if not intersection:
            listing = "\n".join(f" - in {subgraph_list(names)}, {text}" for text, names in groups.items())
            self.reporter.error(
                "SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES",
                f'For the following supergraph API query:\n{witness}\nShared field "{coordinate}" return type'
                f' "{f.type}" has a non-intersecting set of possible runtime types across subgraphs. Runtime types in'
                f" subgraphs are:\n{listing}.\nThis is not allowed as shared fields must resolve the same way in all"
                " subgraphs, and that implies at least some common runtime types between the subgraphs.",
                list(per_subgraph),
                [coordinate],
            )
            return False
        if len(groups) > 1:

            def types(names: list[str]) -> str:
                return human_list([f'"{n}"' for n in names], "type", "types")

            details = [
                f' - subgraph "{subgraph}" should never resolve "{coordinate}" to an object of'
                f" {types([t for t in names if t not in intersection])}"
                for subgraph, names in per_subgraph.items()
                if any(t not in intersection for t in names)
            ]
            self.reporter.hint(
                "INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN",
                f'For the following supergraph API query:\n{witness}\nShared field "{coordinate}" return type'
                f' "{f.type}" has different sets of possible runtime types across subgraphs.\nSince a shared field'
                f" must be resolved the same way in all subgraphs, make sure that {subgraph_list(list(per_subgraph))}"
                f' only resolve "{coordinate}" to objects of {types(intersection)}. In particular:\n'
                + ";\n".join(details)
                + ".\nOtherwise the @shareable contract will be broken.",
                list(per_subgraph),
                [coordinate],
            )
        return True

    # ------------------------------------------------------------------ errors

    def report(self, type_name: str, f: Field, reached: dict[int, Provided | None], operation: str) -> None:
        coordinate = f"{type_name}.{f.name}"
        if coordinate in self.reported:
            return
        self.reported.add(coordinate)
        reasons = []
        for index in sorted(reached):
            name = self.names[index]
            details = []
            defined = any(f.name in view.fields for view in self.views(index, type_name))
            if not defined:
                details.append(f'cannot find field "{coordinate}"')
            elif (index, coordinate) in self.overridden:
                details.append(f'field "{coordinate}" is overridden by another subgraph')
            elif any(
                self.meta[index].is_external(v.name, f.name) for v in self.views(index, type_name) if f.name in v.fields
            ):
                details.append(f'field "{coordinate}" is not resolvable because marked @external')
            else:
                details.append(f'cannot satisfy @require conditions on field "{coordinate}"')
            for other in range(len(self.schemas)):
                if other in reached:
                    continue
                for view in self.views(other, type_name):
                    if not view.has_directive(KEY) and f.name in view.fields:
                        details.append(
                            f'cannot move to subgraph "{self.names[other]}", which has field "{coordinate}", because'
                            f' type "{type_name}" has no @key defined in subgraph "{self.names[other]}"'
                        )
                    for key in view.directives_named(KEY):
                        if key.arg("resolvable", True) is False:
                            continue
                        details.append(
                            f'cannot move to subgraph "{self.names[other]}" using'
                            f' @key(fields: "{key.arg("fields", "")}") of "{type_name}", the key field(s) cannot be'
                            f' resolved from subgraph "{name}"'
                        )
            if len(details) == 1:
                reasons.append(f'- from subgraph "{name}": {details[0]}.')
            else:
                reasons.append(f'- from subgraph "{name}":\n' + "\n".join(f"  - {d}." for d in details))
        defining = [
            self.names[i]
            for i in range(len(self.schemas))
            if f.name in getattr(self.schemas[i].types.get(type_name), "fields", {})
        ]
        message = (
            "The following supergraph API query:\n"
            + self.witness(f, operation)
            + "\ncannot be satisfied by the subgraphs because:\n"
            + "\n".join(reasons)
        )
        self.reporter.error(
            "SATISFIABILITY_ERROR", message, [*(self.names[i] for i in sorted(reached)), *defining], [coordinate]
        )

    def witness(self, last: Field, operation: str) -> str:
        parts: list[str] = []
        for _type_name, element, kind in self.stack:
            parts.append(f"... on {element}" if kind == "fragment" else self._field_text(element))  # type: ignore[arg-type]
        parts.append(self._field_text(last))
        text = "{\n" if operation == "query" else f"{operation} {{\n"
        depth = 1
        for index, part in enumerate(parts):
            last_part = index == len(parts) - 1
            text += "  " * depth + part + ("" if last_part else " {") + "\n"
            if not last_part:
                depth += 1
        if self._needs_selection(last):
            text = text.rstrip("\n") + " {\n" + "  " * (depth + 1) + "...\n" + "  " * depth + "}\n"
        for close in range(depth - 1, 0, -1):
            text += "  " * close + "}\n"
        return text + "}"

    def _needs_selection(self, f: Field) -> bool:
        target = self.supergraph.types.get(base_type(f.type))
        return target is not None and target.kind in ("object", "interface", "union")

    @staticmethod
    def _field_text(f: Field) -> str:
        required = [a for a in f.args.values() if is_non_null(a.type) and not a.has_default]
        if not required:
            return f.name
        samples = {"Int": "0", "Float": "0", "Boolean": "true", "String": '"A string value"', "ID": '"<any id>"'}
        args = ", ".join(f"{a.name}: {samples.get(base_type(a.type), '{}')}" for a in required)
        return f"{f.name}({args})"


def check_satisfiability(result: MergeResult, subgraphs: list[Subgraph], merger: Merger, reporter: Reporter) -> None:
    Satisfiability(result, subgraphs, merger, reporter).run()
