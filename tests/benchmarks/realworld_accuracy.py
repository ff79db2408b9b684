"""Real-world benchmark: how the extractors do on real third-party PDFs with hand-made gold.

Two sets of documents: ``shared`` is ``../shared/realworld/gold.yaml`` (the developers' ten, conventions in
that folder's README); ``dev`` and ``unseen`` are the two fixed halves of the benchmark in
``tests/benchmarks/realworld/`` (gold.yaml and manifest.yaml, whose ``split`` names each document's side;
the PDFs are re-created outside the repository by ``realworld/recreate.py``). Write rules against ``dev``
only; ``unseen`` is scored to report, never to tune. ``--split all`` scores dev and unseen and prints them
side by side.

It extracts every listed PDF with the code on ``sys.path`` (so ``PYTHONPATH=<checkout>`` measures that
checkout) and prints per-document and overall figures for front matter, text, statistics, policies,
recommendations and references. It prints; it asserts nothing. ``--json FILE`` also writes the figures,
for before/after comparisons.

    .venv/bin/python tests/benchmarks/realworld_accuracy.py                      # the shared ten
    .venv/bin/python tests/benchmarks/realworld_accuracy.py --split all --quiet  # dev | unseen
    .venv/bin/python tests/benchmarks/realworld_accuracy.py --section policies,recommendations \
        --empty-registry
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = ROOT.parent / "shared" / "realworld" / "gold.yaml"
BENCH = Path(__file__).resolve().parent / "realworld"
DEFAULT_PDFS = ROOT.parent / "bench" / "pdfs"  # where realworld/recreate.py writes the benchmark's PDFs
SPLITS = ("shared", "dev", "unseen", "holdout", "all")
# holdout: documents of sources added after rules had been written against dev (and some against unseen),
# annotated last and scored only once, as a clean check of what carries
SECTIONS = ("front", "text", "statistics", "policies", "recommendations", "references")
COUNT_SLACK = 0.10  # a reference list's count is right within 10 % of the gold's
VALUE_TOLERANCE = 0.005  # relative: "6.88亿" and 688000000 are the same value
PAGE_SLACK = 1  # a value may be read on the page before or after the one the gold names
NAME_RATIO = 90  # rapidfuzz ratio at which two normalised names are the same
Row = dict[str, Any]
Tables = dict[str, list[Row]]

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W\d_])+|\d+")  # Latin runs stop at CJK
# pdfium writes a line-end hyphen as U+FFFE (or U+0002) with no line break after it.
_LINE_END_HYPHEN = re.compile(r"([^\W\d_])(?:[-\u00ad\u2010]\s*[\r\n]+|[\ufffe\x02][\r\n]*)\s*([^\W\d_])")
_NOT_NAME_CHAR = re.compile(rf"[^0-9a-z{_CJK}]")


# ---------------------------------------------------------------- extraction


def _seeds_dir() -> Path:
    """The seeds of the checkout whose ``flows`` package is imported."""
    import flows

    return Path(flows.__file__).resolve().parents[1] / "dbt_project" / "seeds"


def _knowledge(seeds_dir: Path) -> Any:
    """Load the extractors' knowledge through whichever API the checkout has."""
    try:
        from flows.core.knowledge import load_knowledge  # type: ignore[import-not-found]

        return load_knowledge(seeds_dir)
    except ImportError:
        from flows.core.document import Knowledge

        return Knowledge(seeds_dir)


def _extract(path: Path, seeds_dir: Path) -> tuple[Tables | None, str]:
    """Extract one PDF into its raw tables, or return the error that stopped it."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    from flows.core.document import Limits, extract_pdf

    data = path.read_bytes()
    try:
        result = extract_pdf(data, hashlib.sha256(data).hexdigest(), Limits(), _knowledge(seeds_dir))
    except Exception as exc:  # a benchmark reports every failure and goes on
        return None, f"{type(exc).__name__}: {exc}"
    return result.tables, ""


def empty_registry_seeds(seeds_dir: Path, into: Path) -> Path:
    """Copy the seeds with a policy registry that has its header only."""
    target = into / "seeds"
    shutil.copytree(seeds_dir, target)
    registry = target / "policies.csv"
    with registry.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with registry.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(header)
    return target


def registry_names(seeds_dir: Path) -> dict[str, list[str]]:
    """Every name of every registry policy, by policy_id."""
    names: dict[str, list[str]] = {}
    with (seeds_dir / "policies.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = (row.get("aliases") or "").split("|")
            names[row["policy_id"]] = [n for n in (row.get("name_en"), row.get("name_zh"), *aliases) if n]
    return names


# ---------------------------------------------------------------- normalising


def nfkc(text: str) -> str:
    """NFKC-normalise text (ligatures, full-width forms, Kangxi radicals)."""
    return unicodedata.normalize("NFKC", text or "")


def norm_name(text: str) -> str:
    """A name reduced to lower-case letters, digits and CJK characters."""
    return _NOT_NAME_CHAR.sub("", nfkc(text).lower())


def same_name(gold: str, found: str) -> bool:
    """Whether two names denote the same thing: equal, one inside the other, or nearly equal."""
    a, b = norm_name(gold), norm_name(found)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 4 and short in long_ and len(short) / len(long_) >= 0.6:
        return True
    return fuzz.ratio(a, b) >= NAME_RATIO


def tokens(text: str) -> list[str]:
    """Words for the text comparison: Latin words lower-cased, digit runs, CJK characters one by one."""
    return _TOKEN.findall(nfkc(text).lower())


def as_list(value: Any) -> list[str]:
    """A list column as a list, whether it arrives as a list or '|'-joined."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.split("|") if v.strip()]
    return [str(v) for v in value if str(v).strip()]


def _squash(text: str) -> str:
    """Text without whitespace, NFKC-normalised, for span comparison."""
    return re.sub(r"\s+", "", nfkc(text))


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    """Counts for one section of one document (hits over totals, plus free-form notes)."""

    counts: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, key: str, value: float) -> None:
        """Add to a count."""
        self.counts[key] = self.counts.get(key, 0) + value


def score_front(gold: dict, tables: Tables) -> Score:
    """Title, authors (papers), issuers (policies), kind and year against the gold."""
    doc = (tables.get("documents") or [{}])[0]
    score = Score()
    title = doc.get("title") or ""
    ok = (
        same_name(gold.get("title") or "", title)
        and fuzz.ratio(norm_name(gold.get("title") or ""), norm_name(title)) >= NAME_RATIO
    )
    score.add("title_right", int(ok))
    score.add("docs", 1)
    if not ok:
        score.notes.append(f"title: {title[:80]!r} (gold {gold.get('title')!r})")
    if gold.get("kind") != "policy":  # papers and reports: personal authors (a report may have none)
        found = as_list(doc.get("authors"))
        tp = sum(1 for g in gold.get("authors") or [] if any(_same_person(g, f) for f in found))
        score.add("papers", 1)
        score.add("author_tp", tp)
        score.add("author_gold", len(gold.get("authors") or []))
        score.add("author_found", len(found))
        if tp < len(gold.get("authors") or []) or tp < len(found):
            score.notes.append(f"authors: {found} (gold {gold.get('authors')})")
    else:
        issuers = as_list(doc.get("issuers"))
        tp = sum(1 for g in gold.get("issuer") or [] if any(same_name(g, f) for f in issuers))
        score.add("policies", 1)
        score.add("issuer_tp", tp)
        score.add("issuer_gold", len(gold.get("issuer") or []))
        score.add("issuer_found", len(issuers))
        if doc.get("authors"):
            score.add("policy_with_authors", 1)
            score.notes.append(f"policy document given authors: {as_list(doc.get('authors'))}")
        if tp < len(gold.get("issuer") or []):
            score.notes.append(f"issuers: {issuers} (gold {gold.get('issuer')})")
    kind = doc.get("document_kind")
    score.add("kind_right", int(kind == gold.get("kind")))
    if kind != gold.get("kind"):
        score.notes.append(f"kind: {kind!r} (gold {gold.get('kind')!r})")
    score.add("year_right", int(doc.get("year") == gold.get("year")))
    if doc.get("year") != gold.get("year"):
        score.notes.append(f"year: {doc.get('year')} (gold {gold.get('year')})")
    return score


def _same_person(gold: str, found: str) -> bool:
    """Whether two author names are the same person, whatever the order of given and family name."""
    a, b = nfkc(gold).lower(), nfkc(found).lower()
    parts_a = sorted(re.findall(rf"[^\W\d_]+|[{_CJK}]+", a))
    parts_b = sorted(re.findall(rf"[^\W\d_]+|[{_CJK}]+", b))
    return parts_a == parts_b or fuzz.ratio(norm_name(a), norm_name(b)) >= NAME_RATIO


def reference_text(path: Path) -> str:
    """The document's text as pypdfium2 reads it, page by page."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return "\n".join(pages)


def score_text(path: Path, tables: Tables) -> Score:
    """Word precision and recall of the paragraphs and table cells against pypdfium2's text of the file."""
    # A table's text is cut out of the paragraphs into raw.table_cells: it is still text we read.
    texts = [p.get("text") or "" for p in tables.get("paragraphs") or []]
    texts += [c.get("text") or "" for c in tables.get("table_cells") or []]
    ours = Counter(tokens("\n".join(texts)))
    raw_text = reference_text(path)
    ref = Counter(tokens(_LINE_END_HYPHEN.sub(r"\1\2", raw_text)))  # line-end hyphens joined
    split_parts = set(tokens(re.sub(r"[\ufffe\x02]", " ", raw_text)))
    common = ours & ref
    # A word the reference hyphenated across a line ("ques-/tions") may stand whole or in parts in ours.
    extra = sum(n for w, n in (ours - ref).items() if w in split_parts)
    score = Score()
    score.add("ours", sum(ours.values()))
    score.add("ref", sum(ref.values()))
    score.add("common", sum(common.values()) + extra)
    score.add("recall_common", sum(common.values()))
    missing = (ref - ours).most_common(8)
    wrong = (ours - ref).most_common(8)
    score.notes.append("missing: " + " ".join(f"{w}×{n}" for w, n in missing))
    score.notes.append("not in reference: " + " ".join(f"{w}×{n}" for w, n in wrong))
    return score


def _unit(unit: str) -> str:
    """Fold a unit for comparison (gold's "Tbps" and "Mbit/s" are our "tbit_per_s", "mbit_per_s")."""
    # The gold writes percentage points (and basis points) as "points".
    folded = (unit or "").lower().replace("_per_", "/").replace("percentage_points", "points")
    folded = re.sub(r"^([kmgt])(?:bps|b/s)$", r"\1bit/s", folded)
    return re.sub(r"[^a-z/%]", "", folded)


def score_statistics(gold: dict, tables: Tables) -> Score:
    """Gold statistics found (value, unit, page), their years, and listed non-statistics taken."""
    stats = tables.get("statistics") or []
    score = Score()
    for item in gold.get("statistics") or []:
        score.add("gold", 1)
        near = [s for s in stats if abs(int(s.get("page") or 0) - int(item["page"])) <= PAGE_SLACK]
        hits = [s for s in near if _same_value(s, item) and _unit(s.get("unit")) == _unit(item["unit"])]
        if hits:
            score.add("found", 1)
            year_ok = any(h.get("year") == item.get("year") for h in hits)
            score.add("year_right", int(year_ok))
            if not year_ok:
                read = hits[0].get("year")
                score.notes.append(f"year: {item['text']!r} read {read} (gold {item.get('year')})")
        else:
            other = [s for s in near if _same_value(s, item)]
            why = f" (found as {other[0].get('unit')!r})" if other else ""
            gold_value = f"{item['value_base']} {item['unit']}"
            score.notes.append(f"missed p{item['page']}: {item['text']!r} {gold_value}{why}")
    for item in gold.get("not_statistics") or []:
        score.add("non_stats", 1)
        span = _squash(item["text"])
        taken = [
            s
            for s in stats
            if abs(int(s.get("page") or 0) - int(item["page"])) <= PAGE_SLACK
            and _squash(s.get("raw_text") or "")
            and _squash(s.get("raw_text") or "") in span
            and span in _squash(s.get("sentence") or "")
        ]
        if taken:
            score.add("non_stats_taken", 1)
            took = taken[0].get("raw_text")
            score.notes.append(f"took non-statistic p{item['page']}: {item['text']!r} as {took!r}")
    score.add("extracted", len(stats))
    return score


def _same_value(stat: Row, item: dict) -> bool:
    """Whether an extracted value equals a gold base value within the tolerance."""
    try:
        value, gold = float(stat.get("value")), float(item["value_base"])
    except (TypeError, ValueError):
        return False
    candidates = [value, stat.get("value_low"), stat.get("value_high")]
    return any(
        c is not None and abs(float(c) - gold) <= VALUE_TOLERANCE * max(abs(gold), 1e-9) for c in candidates
    )


def extracted_policies(tables: Tables, registry: dict[str, list[str]]) -> dict[str, list[str]]:
    """The distinct policies a document names, each with every name it goes by there."""
    names: dict[str, list[str]] = {}
    for mention in tables.get("policy_mentions") or []:
        names.setdefault(mention["policy_id"], []).append(mention.get("mention_text") or "")
    for policy in tables.get("provisional_policies") or []:
        if policy["policy_id"] in names:
            names[policy["policy_id"]] += [policy.get("name_en") or "", policy.get("name_zh") or ""]
    for policy_id, found in names.items():
        found += registry.get(policy_id, [])
    return {k: [n for n in v if n] for k, v in names.items()}


def score_policies(gold: dict, tables: Tables, registry: dict[str, list[str]]) -> Score:
    """Recall over the gold policies; precision over the distinct policies extracted."""
    found = extracted_policies(tables, registry)
    score = Score()
    for item in gold.get("policies") or []:
        score.add("gold", 1)
        if any(same_name(item["name"], n) for names in found.values() for n in names):
            score.add("found", 1)
        else:
            score.notes.append(f"missed p{item['page']}: {item['name']!r}")
    allowed = [i["name"] for i in (gold.get("policies") or []) + (gold.get("policies_optional") or [])]
    refused = [i["name"] for i in gold.get("not_policies") or []]
    for names in found.values():
        score.add("extracted", 1)
        if any(same_name(a, n) for a in allowed for n in names):
            score.add("correct", 1)
        else:
            label = "a listed non-policy" if any(same_name(r, n) for r in refused for n in names) else "wrong"
            score.notes.append(f"{label}: {names[0]!r}")
    return score


def score_recommendations(gold: dict, tables: Tables) -> Score:
    """Item recall (any level) and whether the top-level count is within 20 % of the gold's."""
    recs = tables.get("recommendations") or []
    spec = gold.get("recommendations") or {}
    texts = [norm_name(r.get("text") or "") for r in recs]
    score = Score()
    for item in spec.get("items") or []:
        key = norm_name(item)
        score.add("gold", 1)
        if key and any(key in t or fuzz.partial_ratio(key, t[: len(key) + 40]) >= NAME_RATIO for t in texts):
            score.add("found", 1)
        else:
            score.notes.append(f"missed: {item[:60]!r}")
    top = sum(1 for r in recs if not r.get("parent_id"))
    counts = [c for c in (spec.get("count"), (spec.get("alt") or {}).get("count")) if c is not None]
    ok = any(abs(top - c) <= 0.2 * c for c in counts) if counts else top == 0
    score.add("docs", 1)
    score.add("count_ok", int(ok))
    score.add("top_level", top)
    if not ok:
        score.notes.append(f"top-level count {top} (gold {counts})")
    return score


def _surname(text: str) -> str:
    """The first author's family name as a comparison key: the first word of two or more letters, or CJK."""
    text = nfkc(text)
    cjk = re.match(rf"\s*([{_CJK}]{{2,4}})", text)
    if cjk:
        return cjk.group(1)
    words = re.findall(r"[^\W\d_]{2,}", text)
    return norm_name(words[0]) if words else ""


def score_references(gold: dict, tables: Tables) -> Score:
    """Reference count within 10 %, none where there is no list, entries matched by author and year."""
    refs = tables.get("references") or []
    expected = gold.get("references_count")
    score = Score()
    if expected is None:
        return score
    found = len(refs)
    if expected == 0:
        score.add("no_list_docs", 1)
        score.add("no_list_clean", int(found == 0))
        if found:
            score.notes.append(f"{found} reference rows on a document without a list")
        return score
    score.add("list_docs", 1)
    score.add("count_ok", int(abs(found - expected) <= COUNT_SLACK * expected))
    if abs(found - expected) > COUNT_SLACK * expected:
        score.notes.append(f"count {found} (gold {expected})")
    entries = gold.get("references")
    if entries:
        keys = [(_surname(r.get("authors") or r.get("raw_text") or ""), r.get("year")) for r in refs]
        unmatched = list(keys)
        tp = 0
        for entry in entries:
            key = (_surname(entry.get("first_author") or ""), entry.get("year"))
            if key in unmatched:
                unmatched.remove(key)
                tp += 1
        score.add("entry_tp", tp)
        score.add("entry_gold", len(entries))
        score.add("entry_found", len(refs))
    return score


# ---------------------------------------------------------------- report


def ratio(num: float, den: float) -> str:
    """A ratio printed with its counts, or n/a."""
    return f"{num / den:.3f} ({num:g}/{den:g})" if den else "n/a"


def summarise(section: str, c: dict[str, float]) -> dict[str, str]:
    """The headline figures of one section from its summed counts."""
    if section == "front":
        p = c.get("author_tp", 0) / c["author_found"] if c.get("author_found") else 0.0
        r = c.get("author_tp", 0) / c["author_gold"] if c.get("author_gold") else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "title": ratio(c.get("title_right", 0), c.get("docs", 0)),
            "authors_f1_papers": f"{f1:.3f}" if c.get("papers") else "n/a",
            "issuer_recall_policies": ratio(c.get("issuer_tp", 0), c.get("issuer_gold", 0)),
            "kind": ratio(c.get("kind_right", 0), c.get("docs", 0)),
            "year": ratio(c.get("year_right", 0), c.get("docs", 0)),
        }
    if section == "text":
        return {
            "word_precision": ratio(c.get("common", 0), c.get("ours", 0)),
            "word_recall": ratio(c.get("recall_common", 0), c.get("ref", 0)),
        }
    if section == "statistics":
        return {
            "recall": ratio(c.get("found", 0), c.get("gold", 0)),
            "year_of_found": ratio(c.get("year_right", 0), c.get("found", 0)),
            "non_stats_taken": ratio(c.get("non_stats_taken", 0), c.get("non_stats", 0)),
            "extracted": f"{c.get('extracted', 0):g}",
        }
    if section == "policies":
        return {
            "recall": ratio(c.get("found", 0), c.get("gold", 0)),
            "precision": ratio(c.get("correct", 0), c.get("extracted", 0)),
        }
    if section == "references":
        tp, gold, found = c.get("entry_tp", 0), c.get("entry_gold", 0), c.get("entry_found", 0)
        return {
            "count_within_10pct": ratio(c.get("count_ok", 0), c.get("list_docs", 0)),
            "none_without_list": ratio(c.get("no_list_clean", 0), c.get("no_list_docs", 0)),
            "entry_f1": f"{2 * tp / (gold + found):.3f}" if gold + found else "n/a",
        }
    return {
        "item_recall": ratio(c.get("found", 0), c.get("gold", 0)),
        "count_within_20pct": ratio(c.get("count_ok", 0), c.get("docs", 0)),
    }


def load_set(split: str, pdfs: Path, gold_path: Path) -> tuple[dict[str, dict], Path]:
    """The gold documents of one set and the folder holding their PDFs."""
    if split == "shared":
        return yaml.safe_load(gold_path.read_text(encoding="utf-8")), gold_path.parent
    gold = yaml.safe_load((BENCH / "gold.yaml").read_text(encoding="utf-8")) or {}
    manifest = yaml.safe_load((BENCH / "manifest.yaml").read_text(encoding="utf-8")) or {}
    return {k: v for k, v in gold.items() if manifest.get(k, {}).get("split") == split}, pdfs


SCORED_ONLY = ("unseen", "holdout")


def score_set(
    gold: dict[str, dict], folder: Path, sections: list[str], args: argparse.Namespace, label: str
) -> dict[str, Any]:
    """Extract and score every document of one set; print per-document figures and the set's overall."""
    with tempfile.TemporaryDirectory() as tmp:
        seeds = empty_registry_seeds(_seeds_dir(), Path(tmp)) if args.empty_registry else _seeds_dir()
        registry = registry_names(seeds)
        names = sorted(gold)
        with ProcessPoolExecutor(max_workers=max(1, args.workers)) as pool:
            outcomes = pool.map(_extract, [folder / n for n in names], [seeds] * len(names))
            results = dict(zip(names, outcomes, strict=True))
    figures: dict[str, Any] = {"registry": "empty" if args.empty_registry else "seed", "documents": {}}
    totals: dict[str, Counter] = {s: Counter() for s in sections}
    # Scored-only splits print their totals alone: whoever writes rules must not see their documents.
    show = label not in SCORED_ONLY
    for name in names:
        tables, error = results[name]
        if show:
            print(f"\n== {name}")
        if tables is None:
            print(f"   extraction failed: {error if show else '(a document of this split)'}")
            tables = {}
        doc_figures: dict[str, Any] = {}
        for section in sections:
            if section == "front":
                score = score_front(gold[name], tables)
            elif section == "text":
                score = score_text(folder / name, tables) if tables else Score({"ref": 1})
            elif section == "statistics":
                score = score_statistics(gold[name], tables)
            elif section == "policies":
                score = score_policies(gold[name], tables, registry)
            elif section == "references":
                score = score_references(gold[name], tables)
            else:
                score = score_recommendations(gold[name], tables)
            totals[section].update(score.counts)
            line = summarise(section, score.counts)
            doc_figures[section] = {"figures": line, "counts": score.counts}
            if show:
                print(f"   {section:15s} " + "  ".join(f"{k} {v}" for k, v in line.items()))
            if show and not args.quiet:
                for note in score.notes:
                    print(f"      - {note}")
        figures["documents"][name] = doc_figures
    print(f"\n== overall, {label} ({len(names)} documents, registry: {figures['registry']})")
    figures["overall"] = {}
    for section in sections:
        line = summarise(section, dict(totals[section]))
        figures["overall"][section] = line
        print(f"   {section:15s} " + "  ".join(f"{k} {v}" for k, v in line.items()))
    if "text" in sections and names:
        worst = min(
            (d["text"]["counts"].get("common", 0) / max(d["text"]["counts"].get("ours", 0), 1), n)
            for n, d in figures["documents"].items()
        )
        where = worst[1] if show else f"one of {len(names)}"
        figures["overall"]["text"]["lowest_word_precision"] = f"{worst[0]:.3f} ({where})"
        print(f"   lowest word precision: {worst[0]:.3f} ({where})")
    return figures


def side_by_side(by_split: dict[str, dict[str, Any]], sections: list[str]) -> None:
    """The overall figures of several sets in one table, a column per set."""
    labels = list(by_split)
    print(
        "\n== side by side: "
        + " | ".join(f"{k} ({len(v['documents'])} documents)" for k, v in by_split.items())
    )
    for section in sections:
        for key in by_split[labels[0]]["overall"].get(section, {}):
            cells = [by_split[label]["overall"].get(section, {}).get(key, "n/a") for label in labels]
            print(f"   {section + ' ' + key:40s} " + " | ".join(f"{c:24s}" for c in cells))


def main(argv: list[str] | None = None) -> int:
    """Extract every gold document of the chosen set(s) and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="the shared set's gold")
    parser.add_argument("--split", choices=SPLITS, default="shared", help="all: every split side by side")
    parser.add_argument("--pdfs", type=Path, default=DEFAULT_PDFS, help="the benchmark's PDFs (recreate.py)")
    parser.add_argument("--section", default=",".join(SECTIONS), help="of " + ",".join(SECTIONS))
    parser.add_argument("--only", default="", help="only documents whose file name contains this")
    parser.add_argument("--empty-registry", action="store_true", help="a header-only policies.csv")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--quiet", action="store_true", help="figures only, no per-document notes")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.split == "shared" and not args.gold.exists():
        print(f"no gold at {args.gold}: the real-world documents are not on this machine")
        return 0
    if args.split != "shared" and not args.pdfs.is_dir():
        print(f"no PDFs at {args.pdfs}: re-create them with tests/benchmarks/realworld/recreate.py")
        return 0
    sections = [s for s in args.section.split(",") if s]
    by_split: dict[str, dict[str, Any]] = {}
    for split in ("dev", "unseen", "holdout") if args.split == "all" else (args.split,):
        gold, folder = load_set(split, args.pdfs, args.gold)
        if not gold and args.split == "all":
            continue
        gold = {k: v for k, v in gold.items() if args.only in k}
        by_split[split] = score_set(gold, folder, sections, args, split)
    if len(by_split) > 1:
        side_by_side(by_split, sections)
    if args.json:
        out = by_split if len(by_split) > 1 else next(iter(by_split.values()))
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
