using FbaMesh.LoopbackPorts;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace FbaMesh.Console.Tests;

/// <summary>
/// Headless Chromium from Debian's packages (/usr/bin/chromium) through Debian's chromium-driver
/// (/usr/bin/chromedriver): no browser download. Screenshots go to TestResults/console-screenshots.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    private Browser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    /// <summary>Where the screenshots of each page are kept (a test artifact, ignored by git).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } configured ? configured : FbaMesh.Testing.RepositoryPaths.Combine("TestResults", "console-screenshots"));

    public static Browser Start(int width = 1280, int height = 1000)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium and chromium-driver ({ChromiumPath}, {DriverPath}): apt-get install -y chromium chromium-driver (.ci/run does this).");
        }

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", $"--window-size={width},{height}", "--lang=en-US");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;

        // Selenium's own pick is a port the OS handed out for a bind to port 0 and took back: the meshes the other
        // test processes are starting could take it before chromedriver binds it.
        service.Port = FreeTcpPort.Next();
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        if (width < 500)
        {
            // Chromium will not make a window that narrow; a phone's viewport is emulated instead.
            driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
            {
                ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = true,
            });
        }

        return new Browser(driver);
    }

    /// <summary>Every request of this browser carries "Authorization: Bearer …", as automation would send it.</summary>
    public void HoldBearerToken(string token)
    {
        Driver.ExecuteCdpCommand("Network.enable", []);
        Driver.ExecuteCdpCommand("Network.setExtraHTTPHeaders", new Dictionary<string, object?>
        {
            ["headers"] = new Dictionary<string, object?> { ["Authorization"] = "Bearer " + token },
        });
    }

    public void Screenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(ScreenshotDirectory, name + ".png"));
    }

    /// <summary>Waits for a condition the page reaches by itself (live updates), up to a generous ceiling.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, string what, TimeSpan? timeout = null)
    {
        var wait = new OpenQA.Selenium.Support.UI.DefaultWait<IWebDriver>(Driver) { Timeout = timeout ?? TimeSpan.FromSeconds(60), PollingInterval = TimeSpan.FromMilliseconds(200), Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
