using ExchangeHardening.Engine.Reporting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Reporting
{
    public class InstallAdviceTests
    {
        private const string Latest = "Exchange2019 CU15 Aug26SU 15.2.1748.49 (KB5121574)";

        [Fact]
        public void Splits_update_build_and_kb()
        {
            var advice = InstallAdvice.From(Latest, "CU15", "15.2.1748.10")!;
            Assert.Equal("CU15", advice.CumulativeUpdate);
            Assert.Equal("Aug26SU", advice.Update);
            Assert.Equal("15.2.1748.49", advice.Build);
            Assert.Equal("KB5121574", advice.Kb);
            Assert.False(advice.NeedsCumulativeUpdate);
        }

        [Fact]
        public void An_update_for_a_newer_cu_needs_that_cu_first()
        {
            Assert.True(InstallAdvice.From(Latest, "CU12", "15.2.1118.7")!.NeedsCumulativeUpdate);
        }

        [Theory]
        [InlineData("15.2.1748.49")]
        [InlineData("15.02.1748.049")]
        [InlineData("15.2.1748.52")]
        public void Nothing_to_install_when_the_server_runs_that_build_or_newer(string build) =>
            Assert.Null(InstallAdvice.From(Latest, "CU15", build));

        [Fact]
        public void Without_a_kb_the_kb_is_empty()
        {
            var advice = InstallAdvice.From("ExchangeSE RTM Oct25HU 15.2.2562.29", "RTM", "15.2.2562.17")!;
            Assert.Equal("Oct25HU", advice.Update);
            Assert.Equal(string.Empty, advice.Kb);
        }

        [Fact]
        public void Text_of_another_shape_is_kept_whole_and_empty_text_is_nothing()
        {
            var advice = InstallAdvice.From("Install the latest CU", "CU15", "15.2.1748.10")!;
            Assert.Equal("Install the latest CU", advice.Text);
            Assert.Equal(string.Empty, advice.Build);
            Assert.Null(InstallAdvice.From(string.Empty, "CU15", "15.2.1748.10"));
            Assert.Null(InstallAdvice.From(null, "CU15", "15.2.1748.10"));
        }
    }
}
