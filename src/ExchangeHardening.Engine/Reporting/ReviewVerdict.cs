namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>What the compromise review (Invoke-EomtReview) says about one server, in one word.</summary>
    public enum ReviewVerdict
    {
        /// <summary>No review findings were given for the server, so no review is known to have run.</summary>
        NotReviewed,
        /// <summary>Only coverage notes and low-severity traces (EOMT ran, a mitigation is in place).</summary>
        NoSigns,
        /// <summary>Medium findings outside coverage: worth an administrator's look, not proof of an attack.</summary>
        Suspicious,
        /// <summary>Critical or high findings outside coverage: treat as a security incident.</summary>
        SignsOfCompromise,
    }
}
