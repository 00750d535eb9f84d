"""``@inaccessible`` checks on the merged supergraph (Apollo's ``validateInaccessibleElements``)."""

from __future__ import annotations

from .issues import Reporter
from .model import Field, InputValue, NamedType, Schema, base_type, has_directive, is_list, list_item, nullable
from .specs import INACCESSIBLE
from .subgraph import Subgraph


class InaccessibleValidator:
    def __init__(self, schema: Schema, name: str, subgraphs: list[Subgraph], reporter: Reporter) -> None:
        self.schema = schema
        self.name = name
        self.subgraphs = subgraphs
        self.reporter = reporter

    def inaccessible(self, element: object) -> bool:
        return has_directive(element, self.name)  # type: ignore[arg-type]

    def subgraphs_marking(self, coordinate: str) -> list[str]:
        """Subgraphs that mark the element ``coordinate`` @inaccessible."""
        result = []
        for subgraph in self.subgraphs:
            element = _element(subgraph.schema, coordinate)
            if element is not None and has_directive(element, INACCESSIBLE):
                result.append(subgraph.name)
        return result

    def subgraphs_defining(self, coordinate: str) -> list[str]:
        return [s.name for s in self.subgraphs if _element(s.schema, coordinate) is not None]

    def error(self, code: str, message: str, elements: list[str], referencers: list[str] = ()) -> None:  # type: ignore[assignment]
        subgraphs = [s for e in elements for s in self.subgraphs_marking(e)]
        subgraphs += [s for r in referencers for s in self.subgraphs_defining(r)]
        self.reporter.error(code, message, subgraphs, [*elements, *referencers])

    def validate(self) -> None:
        schema = self.schema
        default_referencers = self.default_value_referencers()
        for named in schema.types.values():
            if self.inaccessible(named):
                for referencer, in_api in self.referencers(named.name):
                    if in_api:
                        self.error(
                            "REFERENCED_INACCESSIBLE",
                            f'Type "{named.name}" is @inaccessible but is referenced by "{referencer}", which is in'
                            " the API schema.",
                            [named.name],
                            [referencer],
                        )
                if schema.roots.get("query") == named.name:
                    self.error(
                        "QUERY_ROOT_TYPE_INACCESSIBLE",
                        f'Type "{named.name}" is @inaccessible but is the root query type, which must be in the API'
                        " schema.",
                        [named.name],
                    )
                continue
            self.only_inaccessible_children(named)
            if named.kind in ("object", "interface"):
                self.fields_and_arguments(named)
            elif named.kind == "input":
                for input_field in named.input_fields.values():
                    if not self.inaccessible(input_field):
                        continue
                    coordinate = f"{named.name}.{input_field.name}"
                    if input_field.required:
                        self.error(
                            "REQUIRED_INACCESSIBLE",
                            f'Input field "{coordinate}" is @inaccessible but is a required input field of its type.',
                            [coordinate],
                        )
                    for referencer in default_referencers.get(coordinate, []):
                        if self.in_api(referencer):
                            self.error(
                                "DEFAULT_VALUE_USES_INACCESSIBLE",
                                f'Input field "{coordinate}" is @inaccessible but is used in the default value of'
                                f' "{referencer}", which is in the API schema.',
                                [coordinate],
                                [referencer],
                            )
            elif named.kind == "enum":
                for value in named.values.values():
                    if not self.inaccessible(value):
                        continue
                    coordinate = f"{named.name}.{value.name}"
                    for referencer in default_referencers.get(coordinate, []):
                        if self.in_api(referencer):
                            self.error(
                                "DEFAULT_VALUE_USES_INACCESSIBLE",
                                f'Enum value "{coordinate}" is @inaccessible but is used in the default value of'
                                f' "{referencer}", which is in the API schema.',
                                [coordinate],
                                [referencer],
                            )

    def only_inaccessible_children(self, named: NamedType) -> None:
        if named.kind in ("object", "interface", "input"):
            children = list(named.input_fields.values()) if named.kind == "input" else list(named.fields.values())
            if children and all(self.inaccessible(c) for c in children):
                kind = "input fields" if named.kind == "input" else "fields"
                self.error(
                    "ONLY_INACCESSIBLE_CHILDREN",
                    f'Type "{named.name}" is in the API schema but all of its {kind} are @inaccessible.',
                    [f"{named.name}.{c.name}" for c in children],
                    [named.name],
                )
        elif named.kind == "union":
            members = [self.schema.types[m] for m in named.members if m in self.schema.types]
            if members and all(self.inaccessible(m) for m in members):
                self.error(
                    "ONLY_INACCESSIBLE_CHILDREN",
                    f'Type "{named.name}" is in the API schema but all of its members are @inaccessible.',
                    [m.name for m in members],
                    [named.name],
                )
        elif named.kind == "enum":
            values = list(named.values.values())
            if values and all(self.inaccessible(v) for v in values):
                self.error(
                    "ONLY_INACCESSIBLE_CHILDREN",
                    f'Type "{named.name}" is in the API schema but all of its values are @inaccessible.',
                    [f"{named.name}.{v.name}" for v in values],
                    [named.name],
                )

    def fields_and_arguments(self, named: NamedType) -> None:
        implementing = (
            [t for t in self.schema.types.values() if named.name in t.interfaces] if named.kind == "interface" else []
        )
        for f in named.fields.values():
            coordinate = f"{named.name}.{f.name}"
            if self.inaccessible(f):
                for interface_name in named.interfaces:
                    interface = self.schema.types.get(interface_name)
                    implemented = interface.fields.get(f.name) if interface else None
                    if implemented is not None and self.in_api(f"{interface_name}.{f.name}"):
                        self.error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Field "{coordinate}" is @inaccessible but implements the interface field'
                            f' "{interface_name}.{f.name}", which is in the API schema.',
                            [coordinate],
                            [f"{interface_name}.{f.name}"],
                        )
                continue
            for argument in f.args.values():
                if not self.inaccessible(argument):
                    continue
                argument_coordinate = f"{coordinate}({argument.name}:)"
                if argument.required:
                    self.error(
                        "REQUIRED_INACCESSIBLE",
                        f'Argument "{argument_coordinate}" is @inaccessible but is a required argument of its field.',
                        [argument_coordinate],
                    )
                for implementation in implementing:
                    other = implementation.fields.get(f.name)
                    other_argument = other.args.get(argument.name) if other else None
                    other_coordinate = f"{implementation.name}.{f.name}({argument.name}:)"
                    if other_argument is not None and self.in_api(other_coordinate) and other_argument.required:
                        self.error(
                            "REQUIRED_INACCESSIBLE",
                            f'Argument "{argument_coordinate}" is @inaccessible but is implemented by the required'
                            f' argument "{other_coordinate}", which is in the API schema.',
                            [argument_coordinate],
                            [other_coordinate],
                        )
                for interface_name in named.interfaces:
                    interface = self.schema.types.get(interface_name)
                    other = interface.fields.get(f.name) if interface else None
                    other_coordinate = f"{interface_name}.{f.name}({argument.name}:)"
                    if other is not None and argument.name in other.args and self.in_api(other_coordinate):
                        self.error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Argument "{argument_coordinate}" is @inaccessible but implements the interface argument'
                            f' "{other_coordinate}", which is in the API schema.',
                            [argument_coordinate],
                            [other_coordinate],
                        )

    # ------------------------------------------------------------------ helpers

    def referencers(self, type_name: str) -> list[tuple[str, bool]]:
        result = []
        for named in self.schema.types.values():
            for f in named.fields.values():
                coordinate = f"{named.name}.{f.name}"
                if base_type(f.type) == type_name:
                    result.append((coordinate, self.in_api(coordinate)))
                for argument in f.args.values():
                    if base_type(argument.type) == type_name:
                        argument_coordinate = f"{coordinate}({argument.name}:)"
                        result.append((argument_coordinate, self.in_api(argument_coordinate)))
            for input_field in named.input_fields.values():
                if base_type(input_field.type) == type_name:
                    coordinate = f"{named.name}.{input_field.name}"
                    result.append((coordinate, self.in_api(coordinate)))
        return result

    def in_api(self, coordinate: str) -> bool:
        """Whether the element and all its parents are accessible."""
        type_name, _, rest = coordinate.partition(".")
        named = self.schema.types.get(type_name)
        if named is None or self.inaccessible(named):
            return False
        if not rest:
            return True
        field_name, _, argument = rest.partition("(")
        element: Field | InputValue | object | None = (
            named.fields.get(field_name) or named.input_fields.get(field_name) or named.values.get(field_name)
        )
        if element is None or self.inaccessible(element):
            return False
        if argument:
            argument_name = argument.rstrip(":)")
            argument_element = getattr(element, "args", {}).get(argument_name)
            return argument_element is not None and not self.inaccessible(argument_element)
        return True

    def default_value_referencers(self) -> dict[str, list[str]]:
        """Input field / enum value coordinate -> elements whose default value uses it."""
        result: dict[str, list[str]] = {}

        def visit(value: object, type_ref: str, referencer: str) -> None:
            if value is None:
                return
            if is_list(type_ref):
                for item in value if isinstance(value, list) else [value]:
                    visit(item, list_item(type_ref), referencer)
                return
            named = self.schema.types.get(base_type(nullable(type_ref)))
            if named is None:
                return
            if named.kind == "enum" and isinstance(value, str):
                result.setdefault(f"{named.name}.{value}", []).append(referencer)
            elif named.kind == "input" and isinstance(value, dict):
                for key, item in value.items():
                    input_field = named.input_fields.get(key)
                    if input_field is not None:
                        result.setdefault(f"{named.name}.{key}", []).append(referencer)
                        visit(item, input_field.type, referencer)

        for named in self.schema.types.values():
            for f in named.fields.values():
                for argument in f.args.values():
                    if argument.has_default:
                        visit(argument.default, argument.type, f"{named.name}.{f.name}({argument.name}:)")
            for input_field in named.input_fields.values():
                if input_field.has_default:
                    visit(input_field.default, input_field.type, f"{named.name}.{input_field.name}")
        return result


def _element(schema: Schema, coordinate: str) -> object | None:
    type_name, _, rest = coordinate.partition(".")
    named = schema.types.get(type_name)
    if named is None or not rest:
        return named
    field_name, _, argument = rest.partition("(")
    element = named.fields.get(field_name) or named.input_fields.get(field_name) or named.values.get(field_name)
    if element is not None and argument:
        return getattr(element, "args", {}).get(argument.rstrip(":)"))
    return element


def validate_inaccessible(schema: Schema, name: str | None, subgraphs: list[Subgraph], reporter: Reporter) -> None:
    if name is not None:
        InaccessibleValidator(schema, name, subgraphs, reporter).validate()
