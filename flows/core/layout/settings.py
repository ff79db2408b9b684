"""Every tolerance of the layout analysis, named, documented and validated (as pdfplumber's TableSettings).

Distances are in ems of the font size involved (``*_em``), in PDF points (``*_pt``), as ratios of the
body font size or multiples of another measure (``*_ratio``), as shares of a page or region dimension
(``*_share``), or in characters (``*_chars``) and glyph gaps (``*_gaps``). Build one ``LayoutSettings``
(the defaults suit journal papers and government documents alike) and pass it to ``extract_document``;
every layout function takes it from there.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# Lower bounds that may be negative (an overlap, a tightened tracking), each with its upper bound.
_SIGNED_LOWER_BOUNDS = {"region_gap_min_em": "region_gap_max_em", "tracking_min_em": "tracking_max_em"}


@dataclass(frozen=True)
class LayoutSettings:
    """The named tolerances of margins, regions, reading order, paragraphs and roles."""

    # --- glyphs and lines ----------------------------------------------------------------------------------
    fake_bold_offset_pt: float = 1.0  # a same glyph redrawn closer than this is fake bold, not a character
    baseline_tolerance_em: float = 0.3  # glyph bottoms within this of a row's first one share its baseline
    gutter_em: float = 1.0  # a horizontal gap wider than this splits a row into two lines (a column gutter)
    bold_line_share: float = 0.8  # share of a line's glyphs in a bold face for the line to count as bold
    cjk_name_gap_em: float = 1.25  # a gap up to this between two same-size ideographs is no gutter ("郜  帅")
    cjk_space_em: float = 0.9  # between two CJK glyphs only a gap this wide is a space (justified text)
    broken_descent_em: float = 0.6  # a font whose glyphs hang this far below the baseline: broken
    glyph_descent_em: float = 0.25  # …whose glyphs are set back to hang this far (Founder, WPS)
    cjk_spacer_width_em: float = 0.4  # an ideograph narrower than this is a spacing glyph, read as a space
    cjk_spacer_gap_ratio: float = 1.1  # a spacer run leaves this many word (or CJK) spaces as its gap
    superscript_max_chars: int = 16  # longer raised runs are text, not citation or footnote markers
    superscript_reach_em: float = 3.0  # how far above a superscript its host line may start
    superscript_host_ratio: float = 1.12  # a host line is set at least this much larger than its superscript
    superscript_raise_em: float = 0.12  # a superscript ends at least this far above its host's bottom
    superscript_side_em: float = 0.5  # horizontal distance within which a superscript belongs to a host
    superscript_before_pt: float = 0.5  # slack when finding the host glyphs left of a superscript
    exponent_gap_em: float = 0.15  # a digit superscript this close after a digit is an exponent (10^26)
    ligature_width_share: float = 0.012  # a ligature glyph's width may differ from its letters' sum by this

    # --- words: spaces between the glyphs of a line -----------------------------------------------------
    space_glyph_reach_em: float = 0.3  # a drawn space glyph this near a glyph's end breaks the word there
    tracking_min_gaps: int = 6  # a line's own letter gaps give its tracking once it has this many (Latin)
    tracking_min_em: float = -0.2  # tracking is clamped to min..max: beyond, a line is spaced-out items ...
    tracking_max_em: float = 0.1  # ... not letter-spaced words
    word_gap_margin_em: float = 0.1  # a word space exceeds the tracking by this (spaces: 0.18-0.33 em)
    word_gap_spread_ratio: float = 3.0  # noisy positions widen that margin to this many median deviations
    word_gap_margin_max_em: float = 0.2  # ... but never beyond this above the tracking
    letter_spaced_min_em: float = 0.35  # letters this far apart, evenly, form one word ("a b s t r a c t")
    letter_spaced_min_gaps: int = 3  # ... on a line with at least this many letter gaps
    letter_spaced_spread_em: float = 0.03  # ... whose median deviation is at most this
    bullet_gap_em: float = 0.4  # a private-use glyph opening a line, this far from the next, is a bullet
    list_marker_gap_em: float = 3.0  # a list marker stays on its item's line across a gap this wide (a tab)

    # --- margins: running heads, footers and page numbers --------------------------------------------
    margin_share: float = 0.12  # share of the page height, top and bottom, where running heads may live
    margin_min_repeats: int = 2  # pages a margin line must appear on to count as a running head
    row_overlap_em: float = 0.3  # vertical overlap making two margin lines one row
    running_head_gap_em: float = 0.8  # space that sets a running head apart from the text below or above

    # --- regions: lines stacked in one column --------------------------------------------------------
    same_row_em: float = 0.5  # top-to-top distance within which two lines sit on one row
    region_gap_min_em: float = -0.3  # smallest gap (negative: overlap) between a region and its next line
    region_gap_max_em: float = 1.0  # largest blank space between a region and a line that continues it
    region_overlap_share: float = 0.3  # horizontal overlap, as share of the narrower, to share a column
    region_overhang_right_em: float = 1.0  # how far a line may stick out right (more would bridge a gutter)
    region_overhang_left_em: float = 4.0  # how far a line may start left of the region (outdented labels)
    region_close_em: float = 0.3  # a line this far below a region's bottom closes the region under it
    row_merge_em: float = 0.3  # vertical overlap merging the pieces of one visual line inside a region

    # --- reading order ----------------------------------------------------------------------------------
    order_slack_pt: float = 0.5  # overlap or distance below which two regions count as touching

    # --- paragraphs ---------------------------------------------------------------------------------------
    pitch_size_tolerance_pt: float = 0.5  # font sizes this close share a line pitch
    default_pitch_ratio: float = 1.2  # line pitch (times the font size) when a page gives no sample
    size_change_share: float = 0.08  # a font size change larger than this share of an em breaks text
    gap_pitch_ratio: float = 1.3  # baseline distance, in line pitches, that is a paragraph gap
    gap_min_em: float = 0.5  # ... when the blank space between the lines is also at least this
    narrow_region_em: float = 10.0  # regions narrower than this never break paragraphs at short lines
    short_line_em: float = 3.0  # a line ending this far before the region's right edge is short
    bold_break_em: float = 1.5  # a weight change after a line ending this far short starts a paragraph
    indent_em: float = 0.8  # first-line indent that starts a paragraph
    outdent_em: float = 2.0  # hanging outdent (list items, references) that starts a paragraph
    continuation_min_width_em: float = 20.0  # a one-line paragraph in a narrower region never continues
    word_space_em: float = 0.25  # space before the next word when judging whether a line was full
    continuation_indent_em: float = 0.5  # an indent this deep after a column or page break is a new paragraph
    word_gap_em: float = 0.2  # a glyph gap this wide is a word space whatever the tracking (and next to CJK)
    reference_indent_em: float = 1.0  # a numbered reference entry starts within this of the region's edge

    # --- roles: title, front matter, headings, footnotes, references -------------------------------------
    default_body_size: float = 10.0  # body font size of a document without text
    title_size_ratio: float = 1.2  # the title is set at least this much larger than the body
    title_min_chars: int = 5  # shorter large text (a drop cap, a logo) is not the title
    title_min_probability_share: float = 0.05  # the title scorer's best eligible block needs this probability
    heading_size_ratio: float = 1.08  # a paragraph this much larger than the body is a heading
    heading_max_lines: int = 3  # longer paragraphs are never headings
    heading_max_chars_en: int = 200  # longest English heading
    heading_max_chars_zh: int = 60  # longest Chinese heading (a character carries about a word)
    bold_heading_max_chars: int = 150  # a bold paragraph up to this long is a heading
    numbered_heading_max_chars_en: int = 130  # a numbered line up to this long may be a heading
    numbered_heading_max_chars_zh: int = 40  # ... in Chinese (longer ones are numbered list items)
    numbered_heading_max_lines: int = 2  # numbered headings wrap onto two lines at most
    plain_heading_max_chars: int = 100  # an unnumbered, unstyled one-line heading
    plain_heading_min_words_en: int = 3  # fewer words on a line of its own are a label, not a heading
    plain_heading_capitalised_share: float = 0.5  # share of its words an English plain heading capitalises
    caption_max_chars: int = 300  # a 'Figure 1' paragraph longer than this is body text citing it
    footnote_size_ratio: float = 0.88  # footnotes are set smaller than the body by at least this
    footnote_min_top_share: float = 0.6  # ... and start below this share of the page height
    reference_size_ratio: float = 0.8  # unnumbered reference entries are no smaller than this
    body_size_tolerance_share: float = 0.12  # a paragraph within this share of the body size is body text
    body_min_lines: int = 3  # after an abstract, a paragraph this long at body size starts the body
    long_paragraph_chars: int = 400  # a body-sized paragraph this long ends the front matter
    abstract_size_tolerance_pt: float = 0.3  # an abstract continued on carries its font size within this
    affiliation_max_chars: int = 400  # longest institution line
    author_line_max_chars: int = 300  # longest line of author names

    # --- tables: pdfplumber's finder for ruled tables, horizontal rules and alignment for the rest ---------
    table_snap_tolerance: float = 3.0  # pdfplumber snap_tolerance (pt): ruling segments this close are one
    table_join_tolerance: float = 3.0  # pdfplumber join_tolerance (pt): collinear segments with this gap join
    table_intersection_tolerance: float = 3.0  # pdfplumber intersection_tolerance (pt) for cell corners
    table_text_x_tolerance: float = 3.0  # pdfplumber text_x_tolerance (pt), for its own text of a cell
    table_min_rows: int = 2  # fewer rows with text is a framed box, not a table
    table_min_cols: int = 2  # ... and so are fewer columns
    table_caption_gap_em: float = 2.5  # a caption sits at most this far above (or below) its table
    table_join_column_tolerance: float = 6.0  # column edges (pt) of two halves of a table split by a page
    table_min_edges: int = 4  # a page with fewer ruling segments has no ruled table (skips the finder)
    table_rule_min_share: float = 0.25  # a horizontal rule spans at least this share of the page width
    table_rule_align_pt: float = 6.0  # rules of one table start and end within this of each other
    table_double_rule_pt: float = 3.0  # rules this close are one (a double top rule)
    table_cell_gap_em: float = 0.6  # in an unruled table, a gap this wide between glyphs separates cells
    table_gap_noise_share: float = 0.1  # ... even if up to this share of the rows print across it
    table_item_line_share: float = 0.7  # a cell line shorter than this share of its widest ends an item
    table_row_gap_em: float = 0.5  # a grid without row lines parts rows at blank bands this tall
    table_column_gap_em: float = 0.5  # an x range this wide that no body row prints in separates columns
    table_max_rule_gap_em: float = 60.0  # rules further apart than this do not bound one table
    table_max_header_rows: int = 4  # more rows above the rule under a header means the rule is not a table's
    table_overlap_share: float = 0.5  # a find this much inside a larger one is the same table found twice
    table_min_fill_share: float = 0.35  # a grid with fewer cells holding text is a chart's frame, not a table
    table_legend_max_lines: int = 8  # a caption under its table may follow a legend this many lines long
    table_column_slack_share: float = 0.05  # a caption this near a half of the page heads that column
    table_size_change_share: float = 0.15  # a row this much larger or smaller than the body ends the table
    table_sentence_piece_share: float = 0.6  # one piece this wide (of its column) and long is a sentence
    table_prose_width_share: float = 0.8  # a lone line this wide (of its column) is prose, ending a table
    table_figure_label_ratio: float = 0.9  # a figure's labels are set smaller than this times the text
    table_caption_centre_share: float = 0.1  # an unlabelled caption is centred on its table within this share
    table_caption_width_share: float = 0.9  # ... and narrower than this share of the table's width
    table_prose_line_chars: int = 120  # one line of a table cell never runs this long: such a line is prose
    table_prose_cell_chars: int = 60  # cells this long (or punctuated as sentences) are prose, not a table

    # --- the title block (title.py, title_scorer.py) ---------------------------------------------------
    title_block_size_share: float = 0.05  # paragraphs this close in size (share of the first's) are one type
    title_block_gap_em: float = 1.2  # ... and one block when the next starts within this below the last
    title_min_letter_share: float = 0.5  # a title's non-space characters are at least this share letters
    title_banner_top_share: float = 0.1  # lines starting in this top share of a page are banners, not titles
    title_hint_size_ratio: float = 1.0  # first-page blocks smaller (times the body) never match the metadata
    title_tie_size_share: float = 0.95  # without the scorer, blocks this share of the largest type tie
    title_cjk_share: float = 0.3  # scorer's language_match: more CJK than this share is Chinese (as trained)

    # --- reference lists (reflist.py, refsplit.py): ems of the list's or the row's font size ------------
    reflist_heading_row_em: float = 0.4  # pieces of a letter-spaced reference heading have tops this close
    reflist_heading_reach_em: float = 4.0  # ... and lie this close to each other on their row
    reflist_label_reach_em: float = 5.0  # a label set off by a tab lies this close left of its entry's text
    reflist_fragment_gap_em: float = 4.0  # pieces of one justified row lie this close to each other
    reflist_row_overlap_share: float = 0.5  # two lines overlapping this share of the lower one share a row
    reflist_size_share: float = 0.1  # text whose size is off the list's by more than this share is not it
    reflist_heading_ratio: float = 1.15  # a line this much larger than the list is a heading
    reflist_headless_from_share: float = 0.5  # a list without a heading starts after this share of pages
    reflist_bold_share: float = 0.3  # more bold lines than this: names set in bold, so bold ends nothing
    reflist_margin_em: float = 0.5  # a line this close to its column's left edge starts at the margin
    reflist_label_margin_em: float = 1.0  # a label this close to the column's edge numbers an entry
    reflist_indent_max_em: float = 6.0  # deeper indents are not a list's indent (centred or tabular text)
    reflist_deeper_em: float = 0.8  # an entry for the same authors ("(1986b) ...") is indented this deeper
    reflist_gap_extra_em: float = 0.08  # a block-style list's entry gap exceeds its line pitch by this ...
    reflist_gap_ratio: float = 1.05  # ... is this many line pitches at least ...
    reflist_gap_noise_ratio: float = 4.0  # ... and exceeds the pitch by this many times its scatter
    reflist_pitch_quantile_share: float = 0.3  # a list's line pitch: this low quantile of its line gaps
    reflist_pitch_max_em: float = 3.0  # consecutive lines further apart are not one column's line pitch
    reflist_word_space_em: float = 0.5  # space (with slack) before a word that would have ended a line
    reflist_column_overlap_share: float = 0.3  # lines overlapping this share of the narrower share a column
    reflist_span_ratio: float = 1.5  # a line this much wider than the lines it overlaps spans two columns
    reflist_hanging_share: float = 0.15  # this share of indented lines makes a list hanging (or indented)
    reflist_sequential_share: float = 0.6  # this share of labels counting up makes a list numbered
    reflist_shape_share: float = 0.8  # a headless list has this share of entries shaped like references

    def __post_init__(self) -> None:
        """Refuse values that cannot be meant: negative distances, shares outside 0..1, empty limits."""
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise TypeError(f"LayoutSettings.{f.name} must be a number, not {value!r}")
            if f.name in _SIGNED_LOWER_BOUNDS:
                upper = _SIGNED_LOWER_BOUNDS[f.name]
                if value > getattr(self, upper):
                    raise ValueError(f"LayoutSettings.{f.name} must not exceed {upper}")
                continue
            if value < 0:
                raise ValueError(f"LayoutSettings.{f.name} must not be negative (got {value})")
            if f.name.endswith("_share") and value > 1:
                raise ValueError(f"LayoutSettings.{f.name} is a share of a length: 0..1 (got {value})")
            if f.name.endswith(("_chars", "_lines", "_repeats", "_gaps")) and (
                value < 1 or not isinstance(value, int)
            ):
                raise ValueError(
                    f"LayoutSettings.{f.name} must be a whole number of at least 1 (got {value})"
                )


DEFAULT_LAYOUT = LayoutSettings()
