// The Crystallize emulator as a process:
//   dotnet run --project tools/crystallize-emulator -- --urls http://localhost:5400
//     [--fixtures DIR|none] [--secrets-file components/secrets.dev.json] [--readable-after-reads N]
using FbaMesh.CrystallizeEmulator.Hosting;
using FbaMesh.CrystallizeEmulator.Orders;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, EmulatorConfiguration.SwitchMappings);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:5400");
}

var options = EmulatorConfiguration.Read(builder.Configuration);
builder.AddCrystallizeEmulator(options);

var app = builder.Build();
app.MapCrystallizeEmulator();
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "Crystallize emulator for tenant {Tenant} serving {Count} orders from {Fixtures}",
    options.TenantIdentifier,
    app.Services.GetRequiredService<OrderStore>().Count,
    options.FixturesPath ?? "(no fixtures)"));
app.Run();
