// Tests: a file without a package clause.
import "fmt"

func main() {
	fmt.Println("hi")
}
