using System.Globalization;
using System.Net;
using System.Text;

namespace Ims.Replay.Ladder;

/// <summary>
/// The ladder as one self-contained HTML file (inline SVG and CSS, nothing fetched): each arrow is a
/// link to the message's full text and the decision of the handler that sent or took it.
/// </summary>
public static class HtmlLadder
{
    private const int Column = 170;
    private const int Row = 34;
    private const int Top = 50;

    public static string Render(LadderDiagram diagram, string title)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:1em}svg text{font-size:12px}a text{fill:#0645ad}")
            .Append("pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}section{border-top:1px solid #ccc;margin-top:1em}")
            .Append(".decision{font-weight:bold}:target{background:#ffffd0}</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n");
        var width = Math.Max(1, diagram.Participants.Count) * Column;
        var height = Top + (diagram.Arrows.Count + 1) * Row;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">\n");
        for (var i = 0; i < diagram.Participants.Count; i++)
        {
            var x = X(i);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">{E(diagram.Participants[i])}</text>")
                .Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"30\" x2=\"{x}\" y2=\"{height}\" stroke=\"#999\"/>\n");
        }

        var columns = diagram.Participants.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        for (var n = 0; n < diagram.Arrows.Count; n++)
        {
            var arrow = diagram.Arrows[n];
            var (x1, x2, y) = (X(columns[arrow.From]), X(columns[arrow.To]), Top + n * Row + Row / 2);
            var head = x2 >= x1 ? x2 - 8 : x2 + 8;
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"#m{n + 1}\"><line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"#333\"/>")
                .Append(CultureInfo.InvariantCulture, $"<polygon points=\"{x2},{y} {head},{y - 4} {head},{y + 4}\" fill=\"#333\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{(x1 + x2) / 2}\" y=\"{y - 4}\" text-anchor=\"middle\">{E(arrow.Label)} [{arrow.Step}]</text></a>\n");
        }

        html.Append("</svg>\n");
        for (var n = 0; n < diagram.Arrows.Count; n++)
        {
            var arrow = diagram.Arrows[n];
            html.Append(CultureInfo.InvariantCulture, $"<section id=\"m{n + 1}\"><h3>{n + 1}. {E(arrow.From)} &rarr; {E(arrow.To)}: {E(arrow.Label)}</h3>")
                .Append(CultureInfo.InvariantCulture, $"<p class=\"decision\">step {arrow.Step}: {E(diagram.Decisions.GetValueOrDefault(arrow.Step, string.Empty))}</p>")
                .Append("<pre>").Append(E(arrow.Message)).Append("</pre></section>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static int X(int column) => column * Column + Column / 2;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
