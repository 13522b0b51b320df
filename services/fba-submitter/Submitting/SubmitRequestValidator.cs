using System.Globalization;
using FbaMesh.Contracts.Fulfillment.V1;
using Google.Protobuf.WellKnownTypes;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>
/// Checks a submit against Amazon's model (required fields, lengths, limits) before anything goes to
/// Amazon, so a bad request costs no quota and gets every problem named at once.
/// </summary>
internal static class SubmitRequestValidator
{
    public static IReadOnlyList<(string Field, string Problem)> Validate(SubmitFulfillmentOrderRequest r)
    {
        var v = new List<(string, string)>();
        OrderId(r.SellerFulfillmentOrderId, "seller_fulfillment_order_id", v);
        Required(r.DisplayableOrderId, "displayable_order_id", 40, v);
        if (r.DisplayableOrderId.Contains("  ", StringComparison.Ordinal))
        {
            v.Add(("displayable_order_id", "must not contain two spaces in a row"));
        }

        Date(r.DisplayableOrderDate, "displayable_order_date", required: true, v);
        Required(r.DisplayableOrderComment, "displayable_order_comment", 750, v);
        if (r.ShippingSpeedCategory == ShippingSpeedCategory.Unspecified)
        {
            v.Add(("shipping_speed_category", "is required"));
        }

        if (r.ShippingSpeedCategory == ShippingSpeedCategory.ScheduledDelivery && r.FulfillmentAction == FulfillmentAction.Hold)
        {
            v.Add(("fulfillment_action", "Hold is not valid with ScheduledDelivery"));
        }

        if (r.DeliveryWindow is { } w)
        {
            Date(w.StartDate, "delivery_window.start_date", required: true, v);
            Date(w.EndDate, "delivery_window.end_date", required: true, v);
        }

        AddressRules.Check(r.DestinationAddress, v);
        if (r.DeliveryPreferences is { } p)
        {
            Optional(p.DeliveryInstructions, "delivery_preferences.delivery_instructions", 250, v);
            if (p.DropOffLocation is { Type: DropOffLocationType.Unspecified })
            {
                v.Add(("delivery_preferences.drop_off_location.type", "is required"));
            }
        }

        if (r.CodSettings is { } c)
        {
            MoneyRules.Check(c.CodCharge, "cod_settings.cod_charge", v);
            MoneyRules.Check(c.CodChargeTax, "cod_settings.cod_charge_tax", v);
            MoneyRules.Check(c.ShippingCharge, "cod_settings.shipping_charge", v);
            MoneyRules.Check(c.ShippingChargeTax, "cod_settings.shipping_charge_tax", v);
        }

        Optional(r.ShipFromCountryCode, "ship_from_country_code", 2, v);
        for (var i = 0; i < r.NotificationEmails.Count; i++)
        {
            Required(r.NotificationEmails[i], $"notification_emails[{i}]", 64, v);
        }

        for (var i = 0; i < r.FeatureConstraints.Count; i++)
        {
            Required(r.FeatureConstraints[i].FeatureName, $"feature_constraints[{i}].feature_name", int.MaxValue, v);
        }

        ItemRules.Check(r.Items, v);
        for (var i = 0; i < r.PaymentInformation.Count; i++)
        {
            var pay = r.PaymentInformation[i];
            Required(pay.PaymentTransactionId, $"payment_information[{i}].payment_transaction_id", int.MaxValue, v);
            Required(pay.PaymentMode, $"payment_information[{i}].payment_mode", int.MaxValue, v);
            Date(pay.PaymentDate, $"payment_information[{i}].payment_date", required: true, v);
        }

        return v;
    }

    /// <summary>
    /// The id names the order in Amazon's URL path, so it is held to a conservative alphabet, and it must
    /// start with a letter or digit: "." and ".." are path segments that a URL resolver collapses, so
    /// .../fulfillmentOrders/.. would reach another resource than the order.
    /// </summary>
    public static void OrderId(string id, string field, List<(string, string)> v)
    {
        Required(id, field, 40, v);
        if (id.Length > 0 && !id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            v.Add((field, "may hold only letters, digits, '-', '_' and '.'"));
        }
        else if (id.Length > 0 && !char.IsAsciiLetterOrDigit(id[0]))
        {
            v.Add((field, "must start with a letter or a digit"));
        }
    }

    internal static void Required(string value, string field, int max, List<(string, string)> v)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add((field, "is required"));
        }
        else
        {
            Optional(value, field, max, v);
        }
    }

    internal static void Optional(string value, string field, int max, List<(string, string)> v)
    {
        if (value.Length > max)
        {
            v.Add((field, string.Create(CultureInfo.InvariantCulture, $"is {value.Length} characters; at most {max} allowed")));
        }
    }

    private static void Date(Timestamp? value, string field, bool required, List<(string, string)> v)
    {
        if (value is null)
        {
            if (required)
            {
                v.Add((field, "is required"));
            }
        }
        else if (value.Seconds < 0 || value.Nanos < 0)
        {
            v.Add((field, "must be a date after 1970"));
        }
    }
}
