namespace FbaMesh.SpApiEmulator;

/// <summary>
/// The way an order goes through Amazon's fulfillment network, one step at a time (a clock step, a
/// sandbox status update or the admin step). Received → Planning → Processing (shipments PENDING, as the
/// order's <see cref="ShipmentPlan"/> says) → each shipment SHIPPED in turn (or first CANCELLED_BY_FULFILLER
/// and made again) → late tracking numbers provided → Complete, CompletePartialled or Unfulfillable.
/// Every order and shipment status change is published. Call under the order's lock.
/// </summary>
internal static class OrderFlow
{
    private static readonly TimeSpan Transit = TimeSpan.FromDays(3);

    /// <summary>One step; false when the order is already final.</summary>
    public static bool Step(FulfillmentOrderRecord order, DateTimeOffset at)
    {
        switch (order.Status)
        {
            case FulfillmentStatus.Received:
                order.MoveTo(FulfillmentStatus.Planning, at);
                return true;
            case FulfillmentStatus.Planning:
                Plan(order, at);
                return true;
            case FulfillmentStatus.Processing:
                Work(order, at);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Steps until the order reaches <paramref name="target"/> on the ordinary path, or a final status.</summary>
    public static void StepTo(FulfillmentOrderRecord order, string target, DateTimeOffset at)
    {
        for (var guard = 0; guard < 10_000 && order.Status != target && Step(order, at); guard++)
        {
        }
    }

    /// <summary>A jump to a final status (sandbox status update, seller cancel, hold expiry).</summary>
    public static void End(FulfillmentOrderRecord order, string status, DateTimeOffset at)
    {
        switch (status)
        {
            case FulfillmentStatus.Cancelled:
                CloseOpenShipments(order, ShipmentStatus.CancelledBySeller, at);
                SetRemaining(order, order.CancelledQuantities);
                break;
            case FulfillmentStatus.CompletePartialled:
                if (order.Shipments.Count == 0)
                {
                    CreateShipments(order, ShipmentPlan.Default with { ShipmentPerItem = order.World.PlanFor(order.Id).ShipmentPerItem }, at);
                }

                if (!order.Shipments.Any(s => s.Status == ShipmentStatus.Shipped) && order.Shipments.FirstOrDefault(s => s.IsOpen) is { } first)
                {
                    Ship(order, first, at, withTracking: true);
                }

                ProvideTracking(order, at, all: true);
                CloseOpenShipments(order, ShipmentStatus.CancelledByFulfiller, at);
                SetRemaining(order, order.UnfulfillableQuantities);
                break;
            default:
                CloseOpenShipments(order, ShipmentStatus.CancelledByFulfiller, at);
                SetRemaining(order, order.UnfulfillableQuantities);
                break;
        }

        order.MoveTo(status, at);
    }

    /// <summary>Units of an item that left in a shipment.</summary>
    public static int Shipped(FulfillmentOrderRecord order, string itemId) => order.Shipments
        .Where(s => s.Status == ShipmentStatus.Shipped)
        .Sum(s => s.Lines.Where(l => l.SellerFulfillmentOrderItemId == itemId).Sum(l => l.Quantity));

    private static void Plan(FulfillmentOrderRecord order, DateTimeOffset at)
    {
        var plan = order.World.PlanFor(order.Id);
        foreach (var item in order.Items)
        {
            var id = ItemId(item);
            if (plan.UnfulfillableItems.Contains(id))
            {
                order.UnfulfillableQuantities[id] = Quantity(item);
            }
        }

        if (!CreateShipments(order, plan, at))
        {
            order.MoveTo(FulfillmentStatus.Unfulfillable, at);
            return;
        }

        order.MoveTo(FulfillmentStatus.Processing, at);
        foreach (var shipment in order.Shipments)
        {
            order.World.Publish(OrderEvent.ForShipment(order, shipment, at));
        }
    }

    private static bool CreateShipments(FulfillmentOrderRecord order, ShipmentPlan plan, DateTimeOffset at)
    {
        var lines = order.Items
            .Where(i => !order.UnfulfillableQuantities.ContainsKey(ItemId(i)))
            .Select(i => new ShipmentLine(i["sellerSku"]!.GetValue<string>(), ItemId(i), Quantity(i)))
            .ToList();
        if (lines.Count == 0)
        {
            return false;
        }

        var groups = plan.ShipmentPerItem ? lines.Select(l => (IReadOnlyList<ShipmentLine>)[l]).ToList() : [lines];
        foreach (var group in groups)
        {
            order.Shipments.Add(new ShipmentRecord(ShipmentId(order), group, at) { WillFail = plan.FulfillerCancelsFirst && order.Shipments.Count == 0 });
        }

        return true;
    }

    private static void Work(FulfillmentOrderRecord order, DateTimeOffset at)
    {
        order.LastMovedAt = at;
        if (order.Shipments.FirstOrDefault(s => s.IsOpen) is { } open)
        {
            if (open.WillFail)
            {
                // "After cancelling …, Amazon immediately creates a new fulfillment shipment and again attempts to fulfill the order."
                open.Status = ShipmentStatus.CancelledByFulfiller;
                order.World.Publish(OrderEvent.ForShipment(order, open, at));
                var again = new ShipmentRecord(ShipmentId(order), open.Lines, at);
                order.Shipments.Add(again);
                order.World.Publish(OrderEvent.ForShipment(order, again, at));
                return;
            }

            Ship(order, open, at, withTracking: !order.World.PlanFor(order.Id).TrackingLater);
        }
        else
        {
            ProvideTracking(order, at, all: false);
        }

        // The order is done in the same step as its last package's tracking number: all shipped, all tracked.
        if (!order.Shipments.Any(s => s.IsOpen) && order.Shipments.All(s => s.Packages.All(p => p.TrackingNumber is not null)))
        {
            order.MoveTo(order.UnfulfillableQuantities.Values.Any(q => q > 0) ? FulfillmentStatus.CompletePartialled : FulfillmentStatus.Complete, at);
        }
    }

    private static void Ship(FulfillmentOrderRecord order, ShipmentRecord shipment, DateTimeOffset at, bool withTracking)
    {
        shipment.Status = ShipmentStatus.Shipped;
        shipment.ShippedAt = at;
        foreach (var _ in shipment.Lines)
        {
            var number = order.World.NewPackageNumber(order);
            var package = new PackageRecord(number, number % 2 == 0 ? "UPS" : "USPS", at, at + Transit)
            {
                AmazonFulfillmentTrackingNumber = TrackingCodes.AmazonFulfillment(order.Id, number),
            };
            if (withTracking)
            {
                package.TrackingNumber = TrackingCodes.Carrier(order.Id, number);
            }

            shipment.Packages.Add(package);
        }

        order.World.Publish(OrderEvent.ForShipment(order, shipment, at));
    }

    // Tracking numbers that were not provided when the packages left; one shipment per step unless all.
    private static bool ProvideTracking(FulfillmentOrderRecord order, DateTimeOffset at, bool all)
    {
        var provided = false;
        foreach (var shipment in order.Shipments.Where(s => s.Packages.Any(p => p.TrackingNumber is null)))
        {
            foreach (var package in shipment.Packages.Where(p => p.TrackingNumber is null))
            {
                package.TrackingNumber = TrackingCodes.Carrier(order.Id, package.PackageNumber);
            }

            order.World.Publish(OrderEvent.ForShipment(order, shipment, at));
            provided = true;
            if (!all)
            {
                break;
            }
        }

        return provided;
    }

    private static void CloseOpenShipments(FulfillmentOrderRecord order, string status, DateTimeOffset at)
    {
        foreach (var shipment in order.Shipments.Where(s => s.IsOpen))
        {
            shipment.Status = status;
            order.World.Publish(OrderEvent.ForShipment(order, shipment, at));
        }
    }

    private static void SetRemaining(FulfillmentOrderRecord order, Dictionary<string, int> quantities)
    {
        foreach (var item in order.Items)
        {
            var id = ItemId(item);
            var left = Quantity(item) - Shipped(order, id)
                - order.CancelledQuantities.GetValueOrDefault(id) - order.UnfulfillableQuantities.GetValueOrDefault(id);
            if (left > 0)
            {
                quantities[id] = quantities.GetValueOrDefault(id) + left;
            }
        }
    }

    private static string ShipmentId(FulfillmentOrderRecord order) => "D" + TrackingCodes.Code($"{order.Id}#{order.Shipments.Count}", 9);

    private static string ItemId(System.Text.Json.Nodes.JsonObject item) => item["sellerFulfillmentOrderItemId"]!.GetValue<string>();

    private static int Quantity(System.Text.Json.Nodes.JsonObject item) => item["quantity"]!.GetValue<int>();
}
