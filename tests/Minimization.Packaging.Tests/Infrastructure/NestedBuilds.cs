using Xunit;

namespace Minimization.Packaging.Tests.Infrastructure
{
    /// <summary>
    /// Every test that runs a nested dotnet process belongs here: they run one after another, and share one packed feed
    /// and one consumer build (<see cref="PackagingWorkspace"/>), so CI pays for one pack and two consumer builds in all.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class NestedBuilds : ICollectionFixture<PackagingWorkspace>
    {
        public const string Name = "nested builds";
    }
}
