using System.Text.Encodings.Web;
using System.Text.Unicode;
using OneWindow.Sdk;

// An agency's progress page: the agency's client (OneWindow:ClientId and :ClientSecret from configuration) asks the
// platform through the SDK, on the server; the browser never sees a token. docs: README.md beside this file.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var platform = builder.Configuration.GetSection("OneWindow");
if (string.IsNullOrEmpty(platform["ClientId"]) || string.IsNullOrEmpty(platform["ClientSecret"]))
{
    // Note: the demo agency's credentials are in appsettings.Development.json only; anywhere else the agency's own
    // client comes from the environment (OneWindow__ClientId, OneWindow__ClientSecret) or a secret store.
    throw new InvalidOperationException("Set OneWindow:ClientId and OneWindow:ClientSecret (the agency's client) to start the portal.");
}
builder.Services.Configure<OneWindowClientOptions>(platform);
builder.Services.AddOneWindowClient();
builder.Services.AddRazorPages();
// Chinese text as text in the page source, not as character references.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

var app = builder.Build();
app.UseStatusCodePages();
app.MapRazorPages();
app.Run();
