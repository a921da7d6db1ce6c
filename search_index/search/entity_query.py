"""Entity searches across linked names: `person:"Tove Aasland"` also finds "Aasland" alone.

Expanded at query time through the corpus entity table, rather than by
re-writing the entity fields of every document whose links changed: a link
made or undone by another file (a full-name article added or deleted) then
takes effect at once, with no re-write of the documents the model already
read, and the entity index holds exactly what each document says.
"""

from __future__ import annotations

from whoosh import query as q

from ..entities.names import FIELD_OF_LABEL

GROUPS_OF_FIELD = {
    "person": ("person",),
    "org": ("org",),
    "place": ("place",),
    "entity": None,
}
MAX_ALIAS_DOCUMENTS = 2_000  # an Or of id terms; more than this and the plain field search stands alone
assert set(FIELD_OF_LABEL.values()) >= {"person", "org", "place"}


def expand_entities(query: q.Query, table) -> q.Query:
    """`query` with each entity-field term or phrase also matching the documents linked to that entity."""

    def visit(node: q.Query) -> q.Query:
        field = getattr(node, "fieldname", None)
        if field not in GROUPS_OF_FIELD or not isinstance(node, (q.Term, q.Phrase)):
            return node
        words = " ".join(node.words) if isinstance(node, q.Phrase) else node.text
        docs: list[str] = []
        for key in table.keys_named(words, GROUPS_OF_FIELD[field]):
            docs += table.alias_documents(key, MAX_ALIAS_DOCUMENTS)
        docs = sorted(set(docs))[:MAX_ALIAS_DOCUMENTS]
        if not docs:
            return node
        return q.Or([node] + [q.Term("id", doc) for doc in docs])

    return query.accept(visit)
