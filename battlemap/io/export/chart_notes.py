"""What a chart of the exports leaves out, said under it: influence links and people not drawn (the PNG, the PDF and
the deck alike), links and dotted lines to people on the deck's other slides (the PDF says its own of pages:
`pdf_chart`)."""

from __future__ import annotations

from django.utils.translation import npgettext


def links_left_out_text(drawn: int, left_out: int) -> str:
    """Said under an org chart picture that leaves influence links out (chart_links.picture_links)."""
    return npgettext(
        "export",
        "%(n)s more influence link is not drawn: the chart shows the %(drawn)s that matter most (opposing, "
        "strongest, the deal's people first); the XLSX export lists them all.",
        "%(n)s more influence links are not drawn: the chart shows the %(drawn)s that matter most (opposing, "
        "strongest, the deal's people first); the XLSX export lists them all.",
        left_out,
    ) % {"n": left_out, "drawn": drawn}


def links_across_text(across: int) -> str:
    """Said under a slide of an org chart split over several (chart_links.links_across): the links to people
    on the other slides, which it cannot draw."""
    return npgettext(
        "export",
        "%(n)s influence link to or from a person on another slide is not drawn here; the XLSX export lists "
        "them all.",
        "%(n)s influence links to or from people on other slides are not drawn here; the XLSX export lists "
        "them all.",
        across,
    ) % {"n": across}


def dotted_across_text(across: int) -> str:
    """Said under a slide of an org chart split over several (chart_links.dotted_across): the dotted lines to
    dotted-line managers or reports on the other slides, which it cannot draw (said as of the influence links)."""
    return npgettext(
        "export",
        "%(n)s dotted line to or from a person on another slide is not drawn here; the XLSX export lists them "
        "all.",
        "%(n)s dotted lines to or from people on other slides are not drawn here; the XLSX export lists them "
        "all.",
        across,
    ) % {"n": across}


def people_left_out_text(drawn: int, left_out: int) -> str:
    """Said under an org chart picture too big to draw whole (png.panels): how many people it leaves out."""
    return npgettext(
        "export",
        "%(n)s more person is not drawn: the chart is too big for one picture and shows %(drawn)s people, the "
        "top of the organisation and the teams of the deal's people first; the XLSX export lists everyone.",
        "%(n)s more people are not drawn: the chart is too big for one picture and shows %(drawn)s people, the "
        "top of the organisation and the teams of the deal's people first; the XLSX export lists everyone.",
        left_out,
    ) % {"n": left_out, "drawn": drawn}
