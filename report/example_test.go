package report_test

import (
	"os"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/scan"
)

func ExampleReport_WriteCSV() {
	may, _ := article.ParseDate("2017-05-29")
	oct, _ := article.ParseDate("2017-10-30")
	arts := []*article.Article{
		{ID: "oct", Published: oct, Body: "In May 2017, the Egyptian Air Force has been carrying out airstrikes in eastern Libya."},
		{ID: "may", Published: may, Body: "Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya."},
	}
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		panic(err)
	}
	report.Build(res, nil).WriteCSV(os.Stdout)
	// Output:
	// cluster,original_by,role,copy_of,article,published,paragraph,verbatim,jaccard,containment,words,text,changes,archived,title,source
	// 1,date,original,,may,2017-05-29,1,true,1.0000,1.0000,14,"Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya.",,false,,
	// 1,date,reused,may ¶1,oct,2017-10-30,1,false,0.6875,0.7857,15,"In May 2017, the Egyptian Air Force has been carrying out airstrikes in eastern Libya.","[-Since Friday,-] {+In May 2017,+} the Egyptian Air Force has been carrying out airstrikes in eastern Libya.",false,,
}
