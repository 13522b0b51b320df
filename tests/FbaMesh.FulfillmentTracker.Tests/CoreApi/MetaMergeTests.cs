using FbaMesh.Crystallize.CoreApi;

namespace FbaMesh.FulfillmentTracker.Tests.CoreApi;

public sealed class MetaMergeTests
{
    private static readonly Dictionary<string, string> Ours = new() { ["fba-status"] = "Complete", ["fba-shipments"] = "[]" };

    [Fact]
    public void Other_keys_are_kept_in_place_ours_set_in_place_or_appended()
    {
        var merged = MetaMerge.Merge([new("fba-shipping-speed", "Expedited"), new("fba-status", "Processing"), new("note", null)], Ours);

        Assert.Equal(
            [new("fba-shipping-speed", "Expedited"), new("fba-status", "Complete"), new("note", null), new MetaEntry("fba-shipments", "[]")],
            merged);
    }

    [Fact]
    public void Nothing_to_write_when_every_key_holds_its_value()
    {
        Assert.Null(MetaMerge.Merge([new("a", "1"), new("fba-status", "Complete"), new("fba-shipments", "[]")], Ours));
    }

    [Fact]
    public void A_key_stored_twice_is_sent_once()
    {
        var merged = MetaMerge.Merge([new("fba-status", "Complete"), new("fba-status", "Old"), new("fba-shipments", "[]")], Ours);

        Assert.Equal([new("fba-status", "Complete"), new MetaEntry("fba-shipments", "[]")], merged);
    }
}
