using FsCheck;
using FsCheck.Fluent;

namespace Minimization.Testing.Tests.Fixtures
{
    internal static class Props
    {
        /// <summary>Runs a property over single values with a fixed seed, so a verdict never flickers.</summary>
        public static void Holds(Property property, int maxTest = 300)
            => Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(new Replay(new Rnd(12345UL, 67891UL), null)).WithQuietOnSuccess(true), property);
    }
}
