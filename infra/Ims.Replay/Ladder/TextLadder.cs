using System.Globalization;
using System.Text;

namespace Ims.Replay.Ladder;

/// <summary>
/// The ladder for a terminal: one column per participant, one arrow per message with its label and
/// the step number, so that each arrow points at the step (and decision) printed above it.
/// </summary>
public static class TextLadder
{
    private const int Width = 24;

    public static string Render(LadderDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var text = new StringBuilder();
        var columns = diagram.Participants.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var header = new StringBuilder();
        foreach (var participant in diagram.Participants)
        {
            header.Append(Center(participant));
        }

        text.AppendLine(header.ToString().TrimEnd());
        foreach (var arrow in diagram.Arrows)
        {
            var line = Lifelines(diagram.Participants.Count);
            int from = columns[arrow.From], to = columns[arrow.To];
            var (left, right) = (Math.Min(from, to) * Width + Width / 2, Math.Max(from, to) * Width + Width / 2);
            for (var x = left + 1; x < right; x++)
            {
                line[x] = '-';
            }

            if (from == to)
            {
                line[left] = '*';
            }
            else if (to > from)
            {
                line[right - 1] = '>';
            }
            else
            {
                line[left + 1] = '<';
            }

            var label = $" {arrow.Label} [{arrow.Step.ToString(CultureInfo.InvariantCulture)}] ";
            var room = right - left - 3;
            if (room > 4)
            {
                var shown = label.Length > room ? label[..(room - 1)] + "…" : label;
                var start = left + 2 + Math.Max(0, (room - shown.Length) / 2);
                for (var i = 0; i < shown.Length; i++)
                {
                    line[start + i] = shown[i];
                }
            }

            text.AppendLine(new string(line).TrimEnd());
        }

        return text.ToString();
    }

    private static char[] Lifelines(int count)
    {
        var line = new string(' ', count * Width).ToCharArray();
        for (var i = 0; i < count; i++)
        {
            line[i * Width + Width / 2] = '|';
        }

        return line;
    }

    private static string Center(string name)
    {
        var shown = name.Length > Width - 2 ? name[..(Width - 2)] : name;
        var pad = (Width - shown.Length) / 2;
        return new string(' ', pad) + shown + new string(' ', Width - pad - shown.Length);
    }
}
