using System;
using System.Collections.Generic;
using System.Linq;
using Clinic.Api.Models;

namespace Clinic.Api.Services
{
    /// <summary>The patients (an in-memory stand-in for the Identity store).</summary>
    public sealed class PatientDirectory
    {
        private readonly List<Patient> _patients = new List<Patient>
        {
            new Patient { UserName = "ada", Email = "ada@example.org", PhoneNumber = "+1 613 555 0143", FullName = "Ada Example", PreferredClinic = "North", LastVisit = DateTimeOffset.UtcNow.AddDays(-40) },
            new Patient { UserName = "bo", Email = "bo@example.org", PhoneNumber = "+1 613 555 0178", FullName = "Bo Example", PreferredClinic = "South", LastVisit = DateTimeOffset.UtcNow.AddDays(-400) },
        };

        public IReadOnlyList<Patient> All() => _patients;

        public IEnumerable<Patient> Lapsed(DateTimeOffset now) => _patients.Where(p => now - p.LastVisit > TimeSpan.FromDays(365));
    }
}
