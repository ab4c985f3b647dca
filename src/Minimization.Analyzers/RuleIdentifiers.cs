namespace Minimization.Analyzers
{
    /// <summary>The one place that names rule IDs, the category and help links.</summary>
    public static class RuleIdentifiers
    {
        /// <summary>
        /// The repository every help link points into. The one place it is set is <c>RepositoryUrl</c> in Directory.Build.props
        /// (the analyzers cannot read MSBuild properties when the compiler loads them): a test holds this constant equal to it.
        /// </summary>
        public const string RepositoryUrl = "https://github.com/minimization-toolkit/minimization";

        public const string Category = "Minimization";

        public const string IdentityReachesPartner = "MIN001";
        public const string MemberWithoutPolicy = "MIN002";
        public const string PolicyDoesNotFitType = "MIN003";
        public const string KeepWithoutJustification = "MIN004";
        public const string MultiplePolicies = "MIN005";
        public const string MinimizerTypeCannotBeExtended = "MIN006";
        public const string MinimizerTypeNotIdentityBearing = "MIN007";
        public const string InvalidPolicyArgument = "MIN008";
        public const string PolicyWithoutGeneratedMinimizer = "MIN009";
        public const string IdentityExposedAcrossAssembly = "MIN010";
        public const string AnalysisBoundReached = "MIN011";
        public const string AnalysisFailed = "MIN012";

        public const string UnjustifiedSuppression = "MIN013";
        public const string MemberCannotBeCarried = "MIN014";
        public const string GeneratedTypeNameTaken = "MIN015";
        public const string MinimizedFlow = "MIN016";
        public const string BaselinedFinding = "MIN017";
        public const string StaleBaselineEntry = "MIN018";
        public const string AdoptionConfigurationInvalid = "MIN019";

        public static string GetHelpUri(string id) => RepositoryUrl + "/blob/main/docs/rules/" + id + ".md";
    }
}
