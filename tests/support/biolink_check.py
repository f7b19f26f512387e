"""A KGX-TSV checker on the Biolink Model YAML of the `biolink-model` package.

Reads the model with linkml-runtime's SchemaView (no kgx, no bmt, no network). Checks what
kgx's Validator checks for nodes and edges (categories exist and are CamelCase, predicates
exist, required edge slots, id prefixes in the Biolink prefix map) and what it does not:
enumeration values (knowledge_level, agent_type, clinical_approval_status), a predicate's
domain and range against the node categories, dangling subject and object ids, columns that
are not Biolink slots. The report has kgx's shape: {level: {kind: {message: [entities]}}}.
Chosen over kgx itself in docs/decisions/0012-site-and-iris.md.
"""
from __future__ import annotations

import csv
import importlib.resources
import io
import json
import re
from functools import lru_cache

from linkml_runtime.utils.schemaview import SchemaView

LIST_DELIMITER = "|"
CURIE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*:[^\s]+$")  # publications (doi: holds '/')
NODE_CURIE = re.compile(r"^[^ <()>:]*:[^/ :]+$")  # kgx's PrefixManager.is_curie: no '/' after ':'



def _snake(name: str) -> str:
    return name.replace(" ", "_")


class BiolinkChecker:
    def __init__(self, schema: str | None = None, extra_prefixes: frozenset[str] = frozenset()):
        pkg = importlib.resources.files("biolink_model")
        self.sv = SchemaView(schema or str(pkg / "schema" / "biolink_model.yaml"))
        self.version = self.sv.schema.version
        self.prefixes = set(json.loads((pkg / "prefixmaps" / "biolink_model_prefix_map.json")
                                       .read_text())) | set(extra_prefixes)
        self.slots = self.sv.all_slots()
        self.classes = self.sv.all_classes()
        self.class_by_camel = {c.replace(" ", "").lower(): c for c in self.classes}
        self.enum = {name: set(self.sv.get_enum(name).permissible_values)
                     for name in ("KnowledgeLevelEnum", "AgentTypeEnum",
                                  "ClinicalApprovalStatusEnum")}
        self.required_edge = sorted(_snake(s) for s in self.sv.class_slots("association")
                                    if self._required("association", s))

    @lru_cache(maxsize=None)
    def _required(self, cls: str, slot: str) -> bool:
        return bool(self.sv.induced_slot(slot, cls).required)

    @lru_cache(maxsize=None)
    def class_ancestors(self, cls: str) -> frozenset:
        return frozenset(self.sv.class_ancestors(cls, mixins=True))

    @lru_cache(maxsize=None)
    def slot_ancestors(self, slot: str) -> frozenset:
        return frozenset(self.sv.slot_ancestors(slot, mixins=True))

    def category(self, curie: str):
        """biolink:Drug -> 'drug', or None when unknown / not CamelCase."""
        if not curie.startswith("biolink:"):
            return None
        local = curie.split(":", 1)[1]
        if not re.fullmatch(r"([A-Z][a-z0-9]*)+", local):
            return None
        name = self.class_by_camel.get(local.lower())
        return name if name and name.replace(" ", "") .lower() == local.lower() else None

    def check(self, nodes_tsv: str, edges_tsv: str) -> dict:
        """Every finding about the two files, as {level: {kind: {message: [entities]}}}."""
        report: dict = {}

        def log(level: str, kind: str, message: str, entity: str) -> None:
            report.setdefault(level, {}).setdefault(kind, {}).setdefault(message, []).append(
                entity)

        nodes = self._check_nodes(_rows(nodes_tsv), log)
        self._check_edges(_rows(edges_tsv), nodes, log)
        return report

    def _check_nodes(self, rows: list[dict], log) -> dict[str, list[str]]:
        nodes: dict[str, list[str]] = {}
        slots = {_snake(s) for s in self.slots}
        for row in rows:
            nid = row.get("id") or ""
            if not NODE_CURIE.match(nid):
                log("ERROR", "INVALID_NODE_ID", f"node id '{nid}' is not a CURIE", nid)
            elif nid.split(":")[0] not in self.prefixes:  # kgx: INVALID_NODE_PROPERTY_VALUE
                log("ERROR", "UNKNOWN_PREFIX", f"prefix '{nid.split(':')[0]}' is not in the "
                    "Biolink prefix map", nid)
            if nid in nodes:
                log("ERROR", "DUPLICATE_NODE", "duplicate node id", nid)
            cats = [c for c in (row.get("category") or "").split(LIST_DELIMITER) if c]
            if not cats:
                log("ERROR", "MISSING_CATEGORY", "node has no category", nid)
            names = []
            for c in cats:
                name = self.category(c)
                if name is None:
                    log("ERROR", "INVALID_CATEGORY",
                        f"'{c}' is not a Biolink class (biolink:CamelCase)", nid)
                elif self.classes[name].mixin:
                    log("ERROR", "INVALID_CATEGORY", f"'{c}' is a mixin, not a category", nid)
                elif "named thing" not in self.class_ancestors(name):
                    log("ERROR", "INVALID_CATEGORY", f"'{c}' is not a kind of biolink:NamedThing",
                        nid)
                else:
                    if self.classes[name].deprecated:
                        log("WARNING", "DEPRECATED_CATEGORY", f"'{c}' is deprecated", nid)
                    names.append(name)
            nodes[nid] = names
            for col in row:
                if col not in ("id", "category") and col not in slots:
                    log("WARNING", "NON_BIOLINK_NODE_PROPERTY",
                        f"column '{col}' is not a Biolink slot", nid)
        return nodes

    def _check_edges(self, rows: list[dict], nodes: dict[str, list[str]], log) -> None:
        for row in rows:
            eid = row.get("id") or f"{row.get('subject')}->{row.get('object')}"
            for req in self.required_edge:
                if not row.get(req):
                    log("ERROR", "MISSING_EDGE_PROPERTY", f"required '{req}' is missing", eid)
            for end in ("subject", "object"):
                if not NODE_CURIE.match(row.get(end) or ""):
                    log("ERROR", "INVALID_EDGE_PROPERTY_VALUE",
                        f"{end} '{row.get(end)}' is not a proper CURIE", eid)
                if row.get(end) and row[end] not in nodes:
                    log("ERROR", "MISSING_NODE", f"{end} '{row[end]}' is not in nodes.tsv", eid)
            pred = row.get("predicate") or ""
            pname = pred.split(":", 1)[1].replace("_", " ") if pred.startswith("biolink:") \
                else None
            slot = self.slots.get(pname) if pname else None
            if slot is None or "related to" not in self.slot_ancestors(pname):
                log("ERROR", "INVALID_EDGE_PREDICATE", f"'{pred}' is not a Biolink predicate",
                    eid)
            else:
                if slot.deprecated:
                    log("WARNING", "DEPRECATED_PREDICATE", f"'{pred}' is deprecated", eid)
                for end, want in (("subject", slot.domain), ("object", slot.range)):
                    cats = nodes.get(row.get(end) or "", [])
                    if want and cats and not any(want in self.class_ancestors(c) for c in cats):
                        log("WARNING", "DOMAIN_RANGE", f"{end} of '{pred}' should be a "
                            f"'{want}', categories are {cats}", eid)
            for col, enum in (("knowledge_level", "KnowledgeLevelEnum"),
                              ("agent_type", "AgentTypeEnum"),
                              ("clinical_approval_status", "ClinicalApprovalStatusEnum")):
                if row.get(col) and row[col] not in self.enum[enum]:
                    log("ERROR", "INVALID_EDGE_PROPERTY_VALUE",
                        f"{col} '{row[col]}' is not one of {sorted(self.enum[enum])}", eid)
            for pub in (row.get("publications") or "").split(LIST_DELIMITER):
                if pub and not CURIE.match(pub):
                    log("ERROR", "INVALID_EDGE_PROPERTY_VALUE",
                        f"publication '{pub}' is not a CURIE", eid)
            if row.get("negated") not in (None, "", "true", "false", "True", "False"):
                log("ERROR", "INVALID_EDGE_PROPERTY_VALUE", "negated must be true or false", eid)
            for col in row:
                if col not in ("id", "subject", "predicate", "object") \
                        and col.replace("_", " ") not in self.slots:
                    log("WARNING", "NON_BIOLINK_EDGE_PROPERTY",
                        f"column '{col}' is not a Biolink slot", eid)


def _rows(tsv: str) -> list[dict]:
    """The rows of a KGX TSV file; a row with more or fewer cells than the header is one
    with a tab or line break inside a value, which KGX cannot read: it raises."""
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    out = []
    for n, cells in enumerate(reader, start=2):
        if len(cells) != len(header):
            raise ValueError(f"line {n} has {len(cells)} cells, the header {len(header)}")
        out.append(dict(zip(header, cells)))
    return out
