var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "OneWindow");
app.Run();

public partial class Program;
