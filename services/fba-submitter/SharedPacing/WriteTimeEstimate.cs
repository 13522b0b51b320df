namespace FbaMesh.FbaSubmitter.SharedPacing;

/// <summary>
/// How long a write of the plan's record takes, smoothed as TCP smooths its round trips (RFC 6298: the mean
/// plus four times the mean deviation). Permits are booked to start when the write is almost surely back:
/// a permit booked for a moment the write has already passed comes too late to use and is dropped, and at
/// the start of a burst that is a whole booking (a quarter second of the plan) lost.
/// </summary>
internal struct WriteTimeEstimate
{
    private TimeSpan mean;
    private TimeSpan deviation;
    private bool measured;

    /// <summary>Zero until the first write is measured.</summary>
    public readonly TimeSpan Expected => mean + (4 * deviation);

    public void Add(TimeSpan took)
    {
        if (!measured)
        {
            (mean, deviation, measured) = (took, took / 2, true);
            return;
        }

        deviation = (0.75 * deviation) + (0.25 * (mean - took).Duration());
        mean = (0.875 * mean) + (0.125 * took);
    }
}
