namespace OneWindow.Domain.Calendar;

/// <summary>The holiday calendar file is not valid; the message says where and why.</summary>
public sealed class HolidayCalendarFormatException : FormatException
{
    /// <summary>Creates the exception with a message.</summary>
    public HolidayCalendarFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the JSON error behind it.</summary>
    public HolidayCalendarFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
