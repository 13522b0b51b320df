namespace FbaMesh.OrderEnricher.Crystallize;

/// <summary>What reading an order from Crystallize gave.</summary>
internal abstract record CrystallizeFetch
{
    public sealed record Found(CrystallizeOrder Order) : CrystallizeFetch;

    /// <summary>order.get answered null: not created, or not readable yet.</summary>
    public sealed record NotFound : CrystallizeFetch;

    /// <summary>The read failed; <see cref="Transient"/> says whether a later delivery may succeed.</summary>
    public sealed record Failed(string ReasonCode, string Message, bool Transient) : CrystallizeFetch;
}
