namespace OneWindow.Domain.Calendar;

/// <summary>Where an open application stands against its deadline, for staff lists.</summary>
public enum DeadlineState
{
    /// <summary>More working days left than the due-soon threshold.</summary>
    OnTime = 1,

    /// <summary>Due within the threshold (by default today or the next working day).</summary>
    DueSoon = 2,

    /// <summary>The end of the due date has passed.</summary>
    Overdue = 3,

    /// <summary>The clock is stopped while waiting for correction; no due date.</summary>
    Paused = 4,
}
