using System.Net;

namespace FbaMesh.SpApiEmulator.Tests;

/// <summary>Postal codes Amazon refuses, answered as Amazon answers address errors: the message quotes the address.</summary>
public sealed class UndeliverableAddressTests
{
    [Fact]
    public async Task An_order_to_a_refused_postal_code_is_refused_with_a_message_that_quotes_the_address()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        var order = Samples.Order("addr-1");
        var address = order["destinationAddress"]!;
        var postalCode = address["postalCode"]!.GetValue<string>();
        emulator.App.Undeliverable.Refuse(postalCode);

        var error = await Json.ErrorAsync(await emulator.CreateAsync(order), HttpStatusCode.BadRequest, "InvalidInput");

        var message = error["message"]!.GetValue<string>();
        Assert.Contains(address["name"]!.GetValue<string>(), message, StringComparison.Ordinal);
        Assert.Contains(address["addressLine1"]!.GetValue<string>(), message, StringComparison.Ordinal);
        Assert.Contains(postalCode, message, StringComparison.Ordinal);
        Assert.Empty(emulator.App.FulfillmentOrders);

        emulator.App.Undeliverable.Accept(postalCode);
        Assert.Equal(HttpStatusCode.OK, (await emulator.CreateAsync(Samples.Order("addr-1"))).StatusCode);
    }
}
