using FbaMesh.CrystallizeEmulator.Orders;
using FbaMesh.DevMesh;
using OpenQA.Selenium;

namespace FbaMesh.Console.Tests;

/// <summary>
/// The console in headless Chromium on a running devmesh: automation holding the bearer token sees every
/// sample order with its status; a person logs in with the keyboard, filters the Failed orders, fixes one
/// order's cause in Crystallize, retries it with confirmation and watches it become Submitted without
/// reloading; the pages have labels on every control and fit 360 px. A screenshot of each page is kept.
/// </summary>
public sealed class ConsoleInBrowserTests(ConsoleMeshFixture mesh) : IClassFixture<ConsoleMeshFixture>
{
    /// <summary>A sample that fails as invalid-country until its country is corrected in Crystallize.</summary>
    private const string InvalidCountrySample = "6724c1ef5e1d4b0012a3f10b";

    /// <summary>A sample the shop created with fba-hold: Amazon holds it until it is released.</summary>
    private const string HoldSample = "6724c1cc5e1d4b0012a3f106";

    [Fact]
    public void A_browser_holding_the_bearer_token_sees_every_sample_order_with_its_status()
    {
        using var browser = Browser.Start();
        browser.HoldBearerToken(mesh.OperatorToken);

        browser.Driver.Navigate().GoToUrl(mesh.ConsoleUrl);

        Assert.Equal("Orders", browser.Driver.FindElement(By.TagName("h1")).Text);
        var missing = new List<string>();
        foreach (var sample in mesh.Samples)
        {
            var expected = ConsoleMeshFixture.ExpectedStatus(sample);
            var shown = browser.Driver.FindElements(By.CssSelector($"tr[data-order='{sample.OrderId}'] .status"));
            if (shown.Count != 1 || shown[0].Text != expected)
            {
                missing.Add($"{sample.OrderId}: expected {expected}, saw {(shown.Count == 0 ? "no row" : string.Join("/", shown.Select(r => r.Text)))}");
            }
        }

        browser.Screenshot("order-list");
        Assert.Empty(missing);
        var rows = browser.Driver.FindElements(By.CssSelector("tr[data-order]"));
        Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), browser.Driver.FindElement(By.CssSelector("[data-count='All']")).Text);
        Assert.Equal(rows.Count(r => r.FindElement(By.CssSelector(".status")).Text == "Failed").ToString(System.Globalization.CultureInfo.InvariantCulture),
            browser.Driver.FindElement(By.CssSelector("[data-count='Failed']")).Text);
    }

    [Fact]
    public async Task An_operator_logs_in_filters_the_failed_orders_retries_one_once_fixed_and_watches_it_become_submitted()
    {
        // An order of this test's own (a copy of the invalid-country sample), so the samples stay as they were sent.
        var crystallize = mesh.Mesh.Crystallize!;
        var order = crystallize.Orders.Peek(InvalidCountrySample)!.DeepClone().AsObject();
        var fixable = FbaMesh.Testing.OrderIds.New();
        order["id"] = fixable;
        crystallize.PutOrder(fixable, order);
        using (var sent = await crystallize.SendOrderCreatedWebhookAsync(fixable, mesh.Mesh.Endpoints.GatewayWebhookUrl))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, sent.StatusCode);
        }

        Assert.Equal(OrderProgress.Failed, (await mesh.Mesh.WaitForSettledAsync(fixable, TimeSpan.FromSeconds(120))).Status);
        await mesh.UntilListedAsync("/console?status=Failed", html => ConsoleMeshFixture.Lists(html, fixable, OrderProgress.Failed), $"{fixable} on the Failed list");
        using var browser = Browser.Start();
        var driver = browser.Driver;

        // Not logged in: the console sends the browser to the login form.
        driver.Navigate().GoToUrl(mesh.ConsoleUrl);
        Assert.EndsWith("/console/login?returnUrl=%2Fconsole", driver.Url, StringComparison.Ordinal);
        browser.Screenshot("login");

        // Keyboard only: the token field has the focus; Enter submits.
        driver.SwitchTo().ActiveElement().SendKeys(mesh.OperatorToken + Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == "Orders", "the order list after login");
        var session = driver.Manage().Cookies.GetCookieNamed("fbamesh-console-session");
        Assert.True(session is { IsHttpOnly: true, SameSite: "Strict" } && session.Expiry is not null, $"session cookie {session}");

        // Filter the Failed ones with the filter form.
        var status = driver.FindElement(By.Id("status"));
        status.FindElement(By.CssSelector("option[value='Failed']")).Click();
        driver.FindElement(By.CssSelector("form.filters button[type='submit']")).SendKeys(Keys.Enter);
        browser.WaitFor(d => d.Url.Contains("status=Failed", StringComparison.Ordinal), "the Failed filter");
        var failed = driver.FindElements(By.CssSelector("tr[data-order]")).Select(r => r.GetAttribute("data-order")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(mesh.Samples.Where(s => ConsoleMeshFixture.ExpectedStatus(s) == OrderProgress.Failed).Select(s => s.OrderId).Append(fixable).Order(StringComparer.Ordinal), failed);
        Assert.All(driver.FindElements(By.CssSelector("tr[data-order] .status")), s => Assert.Equal("Failed", s.Text));
        browser.Screenshot("order-list-failed");

        // The cause is fixed in Crystallize: the order gets a country Amazon knows.
        foreach (var address in order["customer"]!["addresses"]!.AsArray())
        {
            address!["country"] = "NO";
        }

        crystallize.PutOrder(fixable, order);

        driver.FindElement(By.LinkText(fixable)).SendKeys(Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == $"Order {fixable}", "the order page");
        Assert.Equal("Failed", driver.FindElement(By.Id("order-status")).Text);
        Assert.Contains("invalid-country", driver.FindElement(By.CssSelector("ol.timeline li[data-kind='failed']")).Text, StringComparison.Ordinal);
        browser.Screenshot("order-failed");

        driver.FindElement(By.PartialLinkText("Retry this order")).SendKeys(Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text.StartsWith("Retry order", StringComparison.Ordinal), "the confirmation");
        browser.Screenshot("retry-confirmation");
        driver.FindElement(By.XPath("//button[normalize-space()='Yes, retry the order']")).SendKeys(Keys.Enter);

        // Back on the order page; live updates bring Submitted without a reload.
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == $"Order {fixable}", "the order page after the retry");
        driver.ExecuteScript("window.consoleMarker = 'same page';");
        browser.WaitFor(d => d.FindElement(By.Id("order-status")).Text == "Submitted", "the order to become Submitted", TimeSpan.FromSeconds(90));
        Assert.Equal("same page", driver.ExecuteScript("return window.consoleMarker;"));
        var steps = driver.FindElements(By.CssSelector("ol.timeline li")).Select(li => li.GetAttribute("data-kind")).ToList();
        Assert.Equal(["received", "read", "failed", "retried", "read", "submitted"], steps);
        browser.Screenshot("order-submitted");

        driver.FindElement(By.LinkText("Dead letters")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == "Dead letters", "the dead letters");
        Assert.Contains("Submitted", driver.FindElement(By.CssSelector($"tr[data-order='{fixable}']")).Text, StringComparison.Ordinal);
        browser.Screenshot("dead-letters");
    }

    [Fact]
    public void An_operator_releases_a_Hold_order_with_confirmation_and_the_timeline_records_it()
    {
        using var browser = Browser.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(new Uri(mesh.ConsoleUrl, $"/console/orders/{HoldSample}"));
        driver.SwitchTo().ActiveElement().SendKeys(mesh.OperatorToken + Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == $"Order {HoldSample}", "the Hold order's page after login");
        Assert.Equal("Submitted", driver.FindElement(By.Id("order-status")).Text);

        driver.FindElement(By.PartialLinkText("Release this order")).SendKeys(Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == $"Release order {HoldSample}?", "the confirmation");
        browser.Screenshot("release-confirmation");
        driver.FindElement(By.XPath("//button[normalize-space()='Yes, release the order']")).SendKeys(Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == "Released", "the answer to the release");

        driver.FindElement(By.LinkText("Back to the order")).SendKeys(Keys.Enter);
        browser.WaitFor(d => d.FindElement(By.TagName("h1")).Text == $"Order {HoldSample}", "the order page after the release");
        Assert.Contains("Asked by an operator", driver.FindElement(By.CssSelector("ol.timeline li[data-kind='release']")).Text, StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.PartialLinkText("Release this order")));
        browser.Screenshot("order-released");
    }

    [Fact]
    public void Every_page_labels_its_controls_and_fits_a_360_pixel_screen()
    {
        using var browser = Browser.Start(360, 800);
        browser.HoldBearerToken(mesh.OperatorToken);
        var pages = new[] { "/console", "/console?status=Failed", $"/console/orders/{mesh.Samples[0].OrderId}", $"/console/orders/{InvalidCountrySample}/retry", "/console/dead-letters", "/console/login" };
        var problems = new List<string>();
        foreach (var path in pages)
        {
            browser.Driver.Navigate().GoToUrl(new Uri(mesh.ConsoleUrl, path));
            Assert.Equal(360L, browser.Driver.ExecuteScript("return window.innerWidth;"));
            var unlabelled = (IReadOnlyCollection<object>?)browser.Driver.ExecuteScript("""
                return Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea"))
                  .filter(c => !(c.labels && c.labels.length) && !c.getAttribute("aria-label"))
                  .map(c => c.outerHTML);
                """);
            problems.AddRange((unlabelled ?? []).Select(c => $"{path}: no label for {c}"));
            var overflow = Convert.ToInt64(browser.Driver.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
            if (overflow > 0)
            {
                problems.Add($"{path}: {overflow} px wider than a 360 px screen");
            }
        }

        browser.Driver.Navigate().GoToUrl(mesh.ConsoleUrl);
        browser.Screenshot("order-list-360px");
        Assert.Empty(problems);
    }
}
