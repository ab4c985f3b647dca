using System;
using System.Linq;
using Minimization.Testing.Checks;
using Minimization.Testing.Generators;
using Xunit;

namespace Minimization.Testing.Tests.Checks
{
    public class CandidateSpaceTests
    {
        [Fact]
        public void A_phone_is_enumerated_over_its_exchange_in_its_own_notation()
        {
            CandidateSpace space = CandidateSpace.For(IdentityCategory.Phone, "(202) 555-0143")!;
            Assert.Equal(10_000, space.Candidates.Count);
            Assert.Equal("(202) 555-0143", space.Candidates[space.TrueIndex]);
            Assert.All(space.Candidates, c => Assert.StartsWith("(202) 555-", (string)c));
            Assert.Contains("202-555", space.Description);
        }

        [Fact]
        public void Sin_candidates_all_carry_valid_check_digits()
        {
            CandidateSpace space = CandidateSpace.For(IdentityCategory.Sin, "046 454 286")!;
            Assert.Equal(1_000, space.Candidates.Count);
            Assert.All(space.Candidates, c => Assert.True(Luhn.IsValid(IdentityFormats.DigitsOnly((string)c)), (string)c));
            Assert.Equal("046 454 286", space.Candidates[space.TrueIndex]);
        }

        [Fact]
        public void Postal_codes_dates_of_birth_and_ipv4_have_bounded_neighbourhoods()
        {
            Assert.Equal(2_000, CandidateSpace.For(IdentityCategory.PostalCode, "K1A 0B1")!.Candidates.Count);
            Assert.InRange(CandidateSpace.For(IdentityCategory.DateOfBirth, new DateOnly(1984, 3, 7))!.Candidates.Count, 1460, 1462);
            CandidateSpace ip = CandidateSpace.For(IdentityCategory.IpAddress, "203.0.113.7")!;
            Assert.Equal(1_024, ip.Candidates.Count);
            Assert.Equal("203.0.113.7", ip.Candidates[ip.TrueIndex]);
            Assert.Null(CandidateSpace.For(IdentityCategory.Email, "a@b.c"));
        }
    }
}
