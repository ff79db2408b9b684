"""Front matter as extractors: what a document is, who wrote or issued it, and what it cites.

Two plug-ins (flows/core/extractors/builtin.py) emit it, behind the same ``base.Extractor`` protocol as
statistics, policies, recommendations and tables:

- ``FrontMatterExtractor`` (``frontmatter``): raw.documents, one row per document (title, authors,
  document kind, issuance, dates, language, PDF metadata);
- ``ReferencesExtractor`` (``references``): raw.references, one row per entry of the reference list.

The parts, read while the document is laid out (they need fonts, positions and the PDF's own metadata,
which the Document no longer carries): ``fields`` fills the front matter of a Document (title, authors,
dates) and ``issuance`` a policy document's issuer, number and dates; ``kind`` tells the document kind,
``bodies`` and ``bylines`` name issuing bodies and people, ``pdfmeta`` reads and trusts the PDF's metadata,
``references`` parses the reference list.

May import: the document model below it (``flows.core.model``, ``text``, ``vocabulary``), nothing of
``flows.core.layout`` (which imports these parts) and nothing outside ``flows.core``.
"""
