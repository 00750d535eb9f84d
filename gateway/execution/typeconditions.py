"""Does a fragment's type condition apply to an object of a given runtime type?

Asked for every object both when building representations and when shaping the
response; the answer depends only on the two type names, so it is cached.
"""

from __future__ import annotations

from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema, GraphQLUnionType


class TypeConditions:
    def __init__(self, schema: GraphQLSchema) -> None:
        self.schema = schema
        self._cache: dict[tuple[str | None, str], bool] = {}

    def applies(self, type_condition: str | None, typename: str) -> bool:
        """True when ``type_condition`` is absent, is ``typename``, or an interface or union
        the object type ``typename`` belongs to (DoesFragmentTypeApply)."""
        if type_condition is None or type_condition == typename:
            return True
        key = (type_condition, typename)
        cached = self._cache.get(key)
        if cached is None:
            condition = self.schema.get_type(type_condition)
            runtime = self.schema.get_type(typename)
            cached = self._cache[key] = (
                isinstance(runtime, GraphQLObjectType)
                and isinstance(condition, GraphQLInterfaceType | GraphQLUnionType)
                and self.schema.is_sub_type(condition, runtime)
            )
        return cached
