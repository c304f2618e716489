namespace Ims.Replay.Ladder;

/// <summary>One message of the sequence diagram: who sent it to whom, its label, the step that sent or took it, and its full text.</summary>
public sealed record LadderArrow(string From, string To, string Label, int Step, string Message);

/// <summary>A sequence diagram: the participants left to right, the arrows top to bottom, and each step's decision.</summary>
public sealed record LadderDiagram(IReadOnlyList<string> Participants, IReadOnlyList<LadderArrow> Arrows, IReadOnlyDictionary<int, string> Decisions);
