using System;
using ExchangeHardening.Engine.Builds;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Builds
{
    public class ExchangeBuildTests
    {
        [Theory]
        [InlineData("15.2.1748.24", 15, 2, 1748, 24)]
        [InlineData("15.02.1748.024", 15, 2, 1748, 24)]
        [InlineData(" 15.0.1497.48 ", 15, 0, 1497, 48)]
        [InlineData("Version 15.2 (Build 1118.7)", 15, 2, 1118, 7)]
        [InlineData("version 15.1 (build 2507.6)", 15, 1, 2507, 6)]
        public void Parses_every_spelling(string text, int major, int minor, int build, int revision)
        {
            var parsed = ExchangeBuild.Parse(text);
            Assert.Equal(new ExchangeBuild(major, minor, build, revision), parsed);
        }

        [Theory]
        [InlineData("")]
        [InlineData("15.2")]
        [InlineData("15.2.1748")]
        [InlineData("Version 15.2")]
        [InlineData("15.2.1748.24.1")]
        [InlineData("fifteen")]
        public void Rejects_text_that_is_not_a_build(string text)
        {
            Assert.False(ExchangeBuild.TryParse(text, out _, out var error));
            Assert.NotEmpty(error);
            Assert.Throws<FormatException>(() => ExchangeBuild.Parse(text));
        }

        [Fact]
        public void Compares_numerically_not_textually()
        {
            Assert.True(ExchangeBuild.Parse("15.2.1748.9") < ExchangeBuild.Parse("15.2.1748.10"));
            Assert.True(ExchangeBuild.Parse("15.2.986.42") < ExchangeBuild.Parse("15.2.1118.7"));
            Assert.True(ExchangeBuild.Parse("15.1.9999.0") < ExchangeBuild.Parse("15.2.0.0"));
            Assert.Equal(ExchangeBuild.Parse("15.02.1748.024"), ExchangeBuild.Parse("15.2.1748.24"));
        }

        [Fact]
        public void Recognises_AdminDisplayVersion_which_names_only_the_CU()
        {
            Assert.True(ExchangeBuild.IsAdminDisplayVersion("Version 15.2 (Build 1748.10)"));
            Assert.False(ExchangeBuild.IsAdminDisplayVersion("15.2.1748.10"));
        }

        [Fact]
        public void Writes_plain_and_file_version_spellings()
        {
            var build = ExchangeBuild.Parse("15.2.1748.24");
            Assert.Equal("15.2.1748.24", build.ToString());
            Assert.Equal("15.02.1748.024", build.ToFileVersionString());
            Assert.Equal("15.2", build.VersionPrefix);
        }

        [Fact]
        public void Converts_a_System_Version()
        {
            Assert.Equal(ExchangeBuild.Parse("15.1.2507.66"), ExchangeBuild.FromVersion(new Version(15, 1, 2507, 66)));
        }
    }
}
