namespace OneWindow.Domain; internal static class Placeholder;
