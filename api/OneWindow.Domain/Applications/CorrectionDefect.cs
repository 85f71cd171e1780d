namespace OneWindow.Domain.Applications;

/// <summary>What is wrong with a material a correction request (补正) lists.</summary>
public enum CorrectionDefect
{
    /// <summary>缺少: the material is not among those submitted.</summary>
    Missing = 1,

    /// <summary>不符合法定形式: submitted, but incomplete, unreadable, unsigned or otherwise not in the required form.</summary>
    Faulty = 2,
}
